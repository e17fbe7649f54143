package io.zdcd.classify;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Checks LockMode's names and what each mode blocks against what PostgreSQL itself reports and does. */
@ExtendWith(PostgresExtension.class)
class LockModeTest {

    @BeforeAll
    static void create_table(TestDatabase db) {
        db.execute("CREATE TABLE t (id int primary key, v text)", "INSERT INTO t VALUES (1, 'a')");
    }

    @ParameterizedTest
    @EnumSource(LockMode.class)
    void names_and_blocking_match_postgres(LockMode mode, TestDatabase db) throws SQLException {
        try (Connection holder = db.connect(); Connection other = db.connect()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.execute("LOCK TABLE t IN " + mode.sqlName() + " MODE");
                try (ResultSet rs = s.executeQuery("SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() "
                        + "AND relation = 't'::regclass")) {
                    then(rs.next()).isTrue();
                    then(rs.getString(1)).isEqualTo(mode.pgName());
                }
                then(LockMode.fromName(mode.pgName())).contains(mode);
                then(LockMode.fromName(mode.sqlName())).contains(mode);

                then(waits(other, "SELECT * FROM t")).as("%s blocks reads", mode).isEqualTo(mode.blocksReads());
                then(waits(other, "UPDATE t SET v = 'b' WHERE id = 1")).as("%s blocks writes", mode)
                        .isEqualTo(mode.blocksWrites());
            } finally {
                holder.rollback();
            }
        }
    }

    private static boolean waits(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET lock_timeout = '100ms'");
            s.execute(sql);
            return false;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return true;
            }
            throw e;
        }
    }
}
