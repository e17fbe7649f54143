package io.zdcd.heroku;

import io.zdcd.spi.Backup;
import io.zdcd.spi.PlatformException;
import io.zdcd.spi.Progress;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * zdcd's {@link io.zdcd.spi.DatabaseBackups} on Heroku Postgres, as {@code heroku pg:backups:capture} and
 * {@code pg:backups:restore} do it: find the database behind {@code DATABASE_URL}, capture a backup through the
 * data API and poll it to completion, reporting bytes done as progress; a restore replaces the database with a
 * completed backup and is polled the same way. A {@link Backup}'s id is the CLI's name ({@code b005}), so a backup
 * recorded in the journal can be restored after a crash.
 *
 * <pre>{@code
 * HerokuPostgresBackups backups = HerokuPlatform.fromEnv().backups();
 * Backup b = backups.capture("acme-api", Progress.none());   // Backup[b005 at 2026-11-26T12:00:00Z]
 * }</pre>
 *
 * <p>The data API is not publicly documented; paths and fields follow the Heroku CLI's source (heroku-api.md §9,
 * §13.9) and were verified only against it. {@link Backup#capturedAt()} is the moment zdcd asked for the backup,
 * the conservative choice: writes after it may be missing from the backup.
 *
 * @since 0.1
 */
public final class HerokuPostgresBackups implements io.zdcd.spi.DatabaseBackups {
    /** {@code DATABASE_URL}. */
    public static final String DEFAULT_CONFIG_VAR = "DATABASE_URL";

    private final HerokuClient client;
    private final String configVar;
    private final WaitPolicy transferWait;
    private final Clock clock;

    private HerokuPostgresBackups(Builder b) {
        this.client = b.client;
        this.configVar = b.configVar;
        this.transferWait = b.transferWait;
        this.clock = b.clock;
    }

    /**
     * A builder with the defaults listed on each setting.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Backup capture(String app, Progress progress) {
        String operation = "back up " + configVar + " of " + app;
        HerokuAttachment db = client.addons().postgresAttachment(app, configVar);
        String owner = owner(app, db);
        var requestedAt = clock.instant();
        PgTransfer started = client.postgres().captureBackup(owner, db.addonId());
        progress.operationStarted("transfer", started.name());
        progress.report("Heroku Postgres backup " + started.name() + " of " + db.addonName() + " started");
        PgTransfer done = follow(owner, started, progress);
        if (done.state() != PgTransfer.State.COMPLETED) {
            throw new PlatformException(operation, "backup " + done.name() + " " + lower(done.state()) + logs(done));
        }
        return new Backup(done.name(), requestedAt, "Heroku Postgres backup " + done.name() + " of " + configVar
                + " (" + db.addonName() + ")");
    }

    @Override
    public void restore(String app, Backup backup, Progress progress) {
        String operation = "restore " + backup.id() + " into " + configVar + " of " + app;
        HerokuAttachment db = client.addons().postgresAttachment(app, configVar);
        String owner = owner(app, db);
        PgTransfer source = client.postgres().transfers(owner).stream()
                .filter(t -> t.kind() == PgTransfer.Kind.BACKUP && t.name().equals(backup.id()))
                .findFirst()
                .orElseThrow(() -> new PlatformException(operation, "Heroku Postgres has no backup " + backup.id()));
        if (source.state() != PgTransfer.State.COMPLETED) {
            throw new PlatformException(operation, "backup " + source.name() + " is " + lower(source.state())
                    + ", only a completed backup can be restored");
        }
        PgTransfer started = client.postgres().restore(owner, db.addonId(), source);
        progress.operationStarted("transfer", started.name());
        progress.report("Heroku Postgres restore " + started.name() + " of " + source.name() + " started");
        PgTransfer done = follow(owner, started, progress);
        if (done.state() != PgTransfer.State.COMPLETED) {
            throw new PlatformException(operation, "restore " + done.name() + " " + lower(done.state())
                    + "; the database may be partly restored" + logs(done));
        }
    }

    /**
     * Finds the transfer named {@code id} ({@code b005}, {@code r006}) among the database's transfers and polls it
     * until it finished, reporting bytes done as progress.
     *
     * @return whether it completed
     * @throws PlatformException when Heroku Postgres has no such transfer, or it cannot be polled to its end
     */
    @Override
    public boolean awaitTransfer(String app, String id, Progress progress) {
        HerokuAttachment db = client.addons().postgresAttachment(app, configVar);
        String owner = owner(app, db);
        PgTransfer transfer = client.postgres().transfers(owner).stream().filter(t -> t.name().equals(id)).findFirst()
                .orElseThrow(() -> new PlatformException("wait for transfer " + id + " of " + configVar + " of " + app,
                        "Heroku Postgres has no transfer " + id));
        PgTransfer done = transfer.isFinished() ? transfer : follow(owner, transfer, progress);
        progress.report("Heroku Postgres " + done.name() + " " + lower(done.state()));
        return done.state() == PgTransfer.State.COMPLETED;
    }

    private PgTransfer follow(String owner, PgTransfer started, Progress progress) {
        PgTransfer done = client.postgres().waitForTransfer(owner, started, transferWait, t -> progress.report(
                "Heroku Postgres " + t.name() + " " + lower(t.state()), t.processedBytes(),
                t.sourceBytes() > 0 ? t.sourceBytes() : -1));
        return done;
    }

    private static String owner(String app, HerokuAttachment db) {
        return db.addonAppName().isEmpty() ? app : db.addonAppName();
    }

    private static String logs(PgTransfer t) {
        List<String> logs = t.logs();
        List<String> last = logs.subList(Math.max(0, logs.size() - 5), logs.size());
        return last.isEmpty() ? "" : "; logs end: " + String.join(" | ", last);
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String toString() {
        return "HerokuPostgresBackups[" + configVar + "]";
    }

    /** Configures {@link HerokuPostgresBackups}; a client is required. */
    public static final class Builder {
        private HerokuClient client;
        private String configVar = DEFAULT_CONFIG_VAR;
        private WaitPolicy transferWait = WaitPolicy.TRANSFER;
        private Clock clock = Clock.systemUTC();

        Builder() {
        }

        /**
         * The client (required).
         *
         * @param client the Heroku client to call the Platform and data APIs with; must not be null
         * @return this builder
         */
        public Builder client(HerokuClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * The config var that names the database. (default: {@value #DEFAULT_CONFIG_VAR})
         *
         * @param name the config var, for example {@code HEROKU_POSTGRESQL_RED_URL}
         * @return this builder
         */
        public Builder configVar(String name) {
            Objects.requireNonNull(name, "configVar");
            if (!name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("configVar must look like DATABASE_URL, was " + name);
            }
            this.configVar = name;
            return this;
        }

        /**
         * How to wait for a backup or restore. (default: {@link WaitPolicy#TRANSFER})
         *
         * @param policy the poll interval and deadline of a transfer; must not be null
         * @return this builder
         */
        public Builder transferWait(WaitPolicy policy) {
            this.transferWait = Objects.requireNonNull(policy, "transferWait");
            return this;
        }

        /**
         * For {@link Backup#capturedAt()}. (default: {@link Clock#systemUTC()})
         *
         * @param clock the clock; must not be null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @return the backups, with these settings
         * @throws IllegalStateException without a client
         */
        public HerokuPostgresBackups build() {
            if (client == null) {
                throw new IllegalStateException("client == null");
            }
            return new HerokuPostgresBackups(this);
        }
    }
}
