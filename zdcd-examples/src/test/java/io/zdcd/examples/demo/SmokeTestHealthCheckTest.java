package io.zdcd.examples.demo;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.examples.demo.internal.DemoSchema;
import io.zdcd.examples.demo.internal.Progress;
import io.zdcd.spi.Build;
import io.zdcd.spi.Health;
import io.zdcd.spi.Release;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class SmokeTestHealthCheckTest {
    private final DemoApp app = new DemoApp(1000);

    @BeforeAll
    static void schema(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            DemoSchema.create(c, 1000, new Progress(new PrintStream(OutputStream.nullOutputStream()), false, "fill",
                    1000));
        }
    }

    @Test
    void the_running_builds_smoke_test_passes_and_v3s_fails_on_the_table_no_migration_created(TestDatabase db) {
        // GIVEN
        LocalPlatform platform = new LocalPlatform("demo", app.v1());
        platform.register(app.v3());
        SmokeTestHealthCheck check = new SmokeTestHealthCheck(platform, db::connect);
        // WHEN
        Health v1 = check.check("demo", platform.currentRelease("demo").orElseThrow());
        Release v3 = platform.release("demo", Build.of("v3-display-names"), io.zdcd.spi.Progress.none());
        Health broken = check.check("demo", v3);
        Health unknown = check.check("demo", Release.of(9, "v9-nowhere"));
        // THEN
        then(v1.healthy()).as(v1.detail()).isTrue();
        then(broken.healthy()).isFalse();
        then(broken.detail()).startsWith("smoke test of v3-display-names failed").contains("account_settings");
        then(unknown.healthy()).isFalse();
        then(unknown.detail()).contains("unknown build v9-nowhere");
    }
}
