package io.zdcd.jdbc;

import static org.assertj.core.api.BDDAssertions.catchThrowable;
import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.PlatformException;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS by default for remote databases, and one mask that hides a password as a whole and keeps messages readable. */
@ExtendWith(PostgresExtension.class)
class PostgresDatabaseTest {

    @Test
    void a_remote_database_uses_at_least_sslmode_require_unless_the_url_says_otherwise() {
        PostgresDatabase heroku = PostgresDatabase.fromUrl("postgres://u:pw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1");
        PostgresDatabase explicit = PostgresDatabase.fromUrl(
                "jdbc:postgresql://db.example.com/app?user=u&password=pw&sslmode=verify-full&sslrootcert=/etc/ca.pem");
        PostgresDatabase disabled = PostgresDatabase.fromUrl("postgres://u@db.example.com/app?sslmode=disable");
        PostgresDatabase sslTrue = PostgresDatabase.fromUrl("jdbc:postgresql://db.example.com/app?ssl=true");
        PostgresDatabase local = PostgresDatabase.fromUrl("postgres://u:pw@localhost:5432/app");
        PostgresDatabase loopbackIp = PostgresDatabase.fromUrl("postgres://u:pw@127.0.0.1:5432/app");

        then(heroku.sslMode()).isEqualTo("require");
        then(explicit.sslMode()).as("the user's sslmode wins").isEqualTo("verify-full");
        then(disabled.sslMode()).isEqualTo("disable");
        then(sslTrue.sslMode()).as("ssl=true means verify-full in the JDBC driver").isEqualTo("verify-full");
        then(local.sslMode()).as("loopback: the driver's default").isEqualTo("prefer");
        then(loopbackIp.sslMode()).isEqualTo("prefer");
        then(heroku).hasToString("PostgresDatabase[u@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1, sslmode=require]");
        then(local).hasToString("PostgresDatabase[u@localhost:5432/app]");
        then(heroku.libpqUrlWithPassword()).as("Django's subprocess gets the same mode")
                .isEqualTo("postgres://u:pw@ec2-1-2-3-4.compute-1.amazonaws.com:5432/d1?sslmode=require");
        then(local.libpqUrlWithPassword()).isEqualTo("postgres://u:pw@localhost:5432/app");
        then(heroku.withName("other").sslMode()).isEqualTo("require");
    }

    @Test
    void the_sslmode_in_the_url_reaches_the_driver(TestDatabase db) {
        // The embedded server has no TLS: with sslmode=require the driver must refuse to talk in clear text.
        PostgresDatabase required = PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials() + "&sslmode=require");

        Throwable refused = catchThrowable(required::connect);

        then(refused).isInstanceOf(PlatformException.class).hasMessageContaining("does not support SSL");
        then(PostgresDatabase.fromUrl(db.jdbcUrlWithCredentials()).sslMode()).isEqualTo("prefer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"e", "p%ss@w:rd/9", "refused", "Tr0ub4dor&3-correct-horse-battery"})
    void a_connection_error_hides_the_password_as_a_whole_and_stays_readable(String password) {
        PostgresDatabase db = PostgresDatabase.fromUrl("postgres://zdcd:" + URLEncoder.encode(password,
                StandardCharsets.UTF_8) + "@localhost:1/app");

        Throwable e = catchThrowable(db::connect);
        String masked = db.mask("Connection to postgres://zdcd:" + password + "@localhost:1/app?password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + " failed for " + password + ".");

        then(e.getMessage()).as("readable, whatever the password")
                .startsWith("connect to PostgresDatabase[zdcd@localhost:1/app] failed: Connection to localhost:1 ")
                .contains("Check that the hostname and port are correct").doesNotContain("██ction", "Conn██");
        then(masked).isEqualTo("Connection to postgres://zdcd:██@localhost:1/app?password=██ failed for ██.");
        then(db).hasToString("PostgresDatabase[zdcd@localhost:1/app]");
    }

    @Test
    void a_short_secret_is_masked_only_where_it_stands_alone_a_long_one_everywhere() {
        then(PostgresDatabase.mask("Connection refused: e", "e")).isEqualTo("Connection refused: ██");
        then(PostgresDatabase.mask("user=e password=e;", "e")).isEqualTo("user=██ password=██;");
        then(PostgresDatabase.mask("key:xhk-7f3c9e1a-secret-token-5b2dx", "hk-7f3c9e1a-secret-token-5b2d"))
                .isEqualTo("key:x██x");
        then(PostgresDatabase.mask("a @:/ b", "@:/")).isEqualTo("a ██ b");
        then(PostgresDatabase.mask("nothing", "")).isEqualTo("nothing");
    }

    @Test
    void a_password_written_without_percent_encoding_is_hidden_whole_in_the_malformed_url_message() {
        Throwable notEncoded = catchThrowable(() -> PostgresDatabase.fromUrl(
                "postgres://zdcd:Kq7%Zx9@Wv4:Jm2/Ty6@db.example.com:5432/app"));
        Throwable badEscape = catchThrowable(() -> PostgresDatabase.fromUrl("postgres://zdcd:pa%zzword@localhost/app"));

        then(notEncoded).isInstanceOf(IllegalArgumentException.class);
        then(notEncoded.getMessage()).doesNotContain("Kq7", "Zx9", "Wv4", "Jm2", "Ty6").contains("zdcd:██@db.example.com");
        then(badEscape.getMessage()).isEqualTo("malformed PostgreSQL URL: postgres://zdcd:██@localhost/app");
        then(PostgresDatabase.redact("use postgres://u:p@ss:w/rd@h/db or jdbc:postgresql://h/db?user=u&password=x@y"))
                .isEqualTo("use postgres://u:██@h/db or jdbc:postgresql://h/db?user=u&password=██");
        then(PostgresDatabase.redact("mail ops@example.com, see https://example.com/a")).as("no URL credentials")
                .isEqualTo("mail ops@example.com, see https://example.com/a");
    }

    @Test
    void the_to_strings_of_everything_built_on_a_database_hide_its_password() {
        PostgresDatabase db = PostgresDatabase.fromUrl("jdbc:postgresql://db.example.com/app?user=zdcd"
                + "&password=Kq7%25Zx9%40Wv4");
        java.util.List<Object> values = java.util.List.of(db, db.withName("postgres"), JdbcDeploymentJournal.of(db),
                JdbcBuildQueue.of(db), JdbcMigrationRunner.of(db), JdbcMigrationRunner.builder(db).build(),
                LocalDatabaseBackups.of(db));

        then(values).allSatisfy(v -> then(v.toString()).contains("zdcd@db.example.com").doesNotContain("Kq7", "Zx9",
                "Wv4", "password"));
    }
}
