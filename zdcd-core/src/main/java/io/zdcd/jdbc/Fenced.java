package io.zdcd.jdbc;

import io.zdcd.spi.DeployLock;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * One write fenced by a deploy lock: opens a transaction on the write's connection, checks the lock's fencing number
 * in it ({@link LeasedLock#requireCurrent}), and commits only on {@link #commit()}; closing without commit rolls
 * back. Without a lock it does nothing (the connection stays in auto-commit).
 */
final class Fenced implements AutoCloseable {
    private final Connection c;
    private boolean open;

    private Fenced(Connection c, boolean open) {
        this.c = c;
        this.open = open;
    }

    /**
     * @param lock  a lock in the connection's database {@code where} (checked in the transaction), another lock
     *              (checked with {@link DeployLock#ensureHeld()} first), or null (no fence)
     * @param where the {@link PostgresDatabase#jdbcUrl()} of the connection's database
     * @param write what the write does, for the refusal
     * @throws io.zdcd.spi.DeployLockLostException when the lock was taken over: nothing is written
     */
    static Fenced begin(Connection c, DeployLock lock, String where, String write) throws SQLException {
        if (lock == null) {
            return new Fenced(c, false);
        }
        if (!(lock instanceof LeasedLock l) || !l.livesIn(where)) {
            lock.ensureHeld();
            return new Fenced(c, false);
        }
        c.setAutoCommit(false);
        Fenced f = new Fenced(c, true);
        try {
            l.requireCurrent(c, write);
        } catch (SQLException | RuntimeException e) {
            f.close();
            throw e;
        }
        return f;
    }

    void commit() throws SQLException {
        if (open) {
            c.commit();
            open = false;
        }
    }

    @Override
    public void close() throws SQLException {
        if (open) {
            open = false;
            c.rollback();
        }
    }
}
