package io.zdcd.testing;

import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresExtensionTest {

    @Test
    void gives_a_fresh_database_on_the_requested_major_version(TestDatabase db) {
        // THEN: the server is the major version asked for (default 17) unless an external server was named
        boolean external = System.getenv(SharedTestPostgres.URL_ENV) != null
                || System.getProperty(SharedTestPostgres.URL_PROPERTY) != null;
        if (!external) {
            int wanted = Integer.parseInt(System.getProperty(SharedTestPostgres.VERSION_PROPERTY, "17"));
            then(db.majorVersion()).isEqualTo(wanted);
            then(db.queryValue("SHOW server_version").toString()).startsWith(wanted + ".");
        }
        then(db.queryValue("SELECT current_database()")).isEqualTo(db.name());
        then(db.queryValue("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace "
                + "AND relname <> 'shared_marker'"))
                .isEqualTo(0L);
    }

    @Test
    void the_same_class_shares_one_database(TestDatabase db) {
        db.execute("CREATE TABLE IF NOT EXISTS shared_marker (id int)");
        then(db.queryValue("SELECT to_regclass('shared_marker') IS NOT NULL")).isEqualTo(true);
    }
}
