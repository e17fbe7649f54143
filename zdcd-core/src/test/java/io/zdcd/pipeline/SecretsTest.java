package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.JdbcMigrationRunner;
import io.zdcd.jdbc.LocalDatabaseBackups;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.jdbc.SqlMigrationSource;
import io.zdcd.spi.Build;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A database password never shows in events, outcomes, plans, toString() or error messages. */
@ExtendWith(PostgresExtension.class)
class SecretsTest {
    static final String SECRET = "pw-9f8e7d6c";

    @Test
    void a_failed_and_recovered_deployment_never_shows_the_password(TestDatabase db, TestInfo info,
                                                                  @TempDir Path dir) {
        Harness h = new Harness(db, "secrets", dir);
        // The embedded server trusts local connections, so any password logs in: it is carried but never shown.
        PostgresDatabase withPassword = PostgresDatabase.fromUrl("postgres://" + db.user() + ":" + SECRET + "@"
                + db.host() + ":" + db.port() + "/" + db.name());
        PostgresDatabase control = withPassword.withName(h.control.name());
        h.migration("V1__email.sql", "ALTER TABLE orders ADD COLUMN email text;");
        h.healthy = false;
        StringBuilder seen = new StringBuilder();
        DeploymentPipeline pipeline = h.pipeline()
                .migrations(SqlMigrationSource.of(withPassword, dir), JdbcMigrationRunner.builder(withPassword)
                        .lockTimeout(Duration.ofMillis(500)).build())
                .backups(LocalDatabaseBackups.of(withPassword))
                .journal(JdbcDeploymentJournal.of(control))
                .queue(JdbcBuildQueue.of(control))
                .addListener(e -> seen.append(e).append('\n'))
                .build();

        DeploymentOutcome outcome = pipeline.deploy(Build.of("b1").withSourceUrl("https://x.test/src.tgz?token="
                + SECRET));
        Throwable refused = catchThrowable(() -> PostgresDatabase.fromUrl("postgres://u:" + SECRET + "@h:1/")
                .connect());
        Throwable unreachable = catchThrowable(() -> withPassword.withName("no_such_database").connect());

        seen.append(outcome.describe()).append(outcome).append(withPassword).append(pipeline)
                .append(Build.of("b1").withSourceUrl("https://x.test/?token=" + SECRET))
                .append(refused.getMessage()).append(unreachable.getMessage())
                .append(JdbcMigrationRunner.of(withPassword)).append(LocalDatabaseBackups.of(withPassword))
                .append(JdbcDeploymentJournal.of(control)).append(SqlMigrationSource.of(withPassword, dir));
        then(outcome.status()).isEqualTo(DeploymentOutcome.Status.ROLLED_BACK);
        then(seen.toString()).contains("rollback", "no_such_database").doesNotContain(SECRET);
        then(withPassword.libpqUrlWithPassword()).contains(SECRET);
        then(PostgresDatabase.redact("postgres://u:" + SECRET + "@h/db?password=" + SECRET)).doesNotContain(SECRET);
    }
}
