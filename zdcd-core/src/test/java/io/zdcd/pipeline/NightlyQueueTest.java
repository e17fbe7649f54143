package io.zdcd.pipeline;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.jdbc.JdbcBuildQueue;
import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.spi.Build;
import io.zdcd.spi.QueuedBuild;
import io.zdcd.testing.PostgresExtension;
import io.zdcd.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The nightly queue keeps the whole build, and the nightly refuses, before any side effect, what cannot ship. */
@ExtendWith(PostgresExtension.class)
class NightlyQueueTest {
    static final String SIGNED = "https://sources.example.test/b1.tar.gz?X-Amz-Signature=s3cr3tt0k3n";
    Harness h;

    @BeforeEach
    void setUp(TestDatabase db, TestInfo info, @TempDir Path dir) {
        h = new Harness(db, info.getTestMethod().orElseThrow().getName(), dir);
        h.platform.needsSourceUrl = true;
    }

    @Test
    void a_deferred_build_is_queued_whole_and_the_nightly_releases_it_from_the_queue_alone() {
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        DeploymentPipeline pipeline = h.pipeline().build();
        Instant created = Instant.parse("2026-11-30T09:15:00Z");
        Build b1 = new Build("b1", Optional.of(SIGNED), "drop legacy", created);

        DeploymentOutcome push = pipeline.deploy(b1);

        then(push.status()).isEqualTo(DeploymentOutcome.Status.DEFERRED);
        QueuedBuild queued = JdbcBuildQueue.of(h.control).queued(h.app).get(0);
        then(queued.build().version()).isEqualTo("b1");
        then(queued.build().sourceUrl()).contains(SIGNED);
        then(queued.build().description()).isEqualTo("drop legacy");
        then(queued.build().createdAt()).isEqualTo(created);
        then(queued.queuedAt()).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        then(queued.toString() + push.describe()).doesNotContain("s3cr3tt0k3n");

        DeploymentOutcome night = pipeline.nightly();

        then(night.status()).as(night.describe()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.platform.sourceUrls).containsExactly(SIGNED);
        then(JdbcBuildQueue.of(h.control).queued(h.app)).isEmpty();
    }

    @Test
    void a_queued_build_the_platform_cannot_release_is_refused_before_any_side_effect() {
        h.migration("V1__drop_legacy.sql", "ALTER TABLE orders DROP COLUMN legacy;");
        JdbcBuildQueue queue = JdbcBuildQueue.of(h.control);
        queue.enqueue(h.app, Build.of("b1", "queued by an older zdcd"), "UNSAFE", Instant.now());
        DeploymentPipeline pipeline = h.pipeline().build();
        int deploymentsBefore = JdbcDeploymentJournal.of(h.control).recent(h.app, 100).size();

        DeploymentOutcome night = pipeline.nightly();

        then(night.status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(night.toString()).contains("cannot release Build[b1 \"queued by an older zdcd\"]", "has none",
                "nothing was changed", "drop b1 from the queue");
        then(night.steps()).isEmpty();
        then(h.platform.log).as("no maintenance, no release").isEmpty();
        then(h.columns("orders")).containsExactly("id", "note", "legacy");
        then(h.strings("SELECT datname FROM pg_database WHERE starts_with(datname, '" + h.target.name() + "_zdcd_')")).as("no backup").isEmpty();
        then(JdbcDeploymentJournal.of(h.control).recent(h.app, 100)).hasSize(deploymentsBefore);
        then(queue.queued(h.app)).extracting(q -> q.build().version()).containsExactly("b1");

        // a push without a source is refused too, not queued for a night that could not ship it
        DeploymentOutcome push = pipeline.deploy(Build.of("b2"));
        then(push.status()).isEqualTo(DeploymentOutcome.Status.REFUSED);
        then(queue.queued(h.app)).extracting(q -> q.build().version()).containsExactly("b1");

        // the person drops it; the next push with its source queues and ships
        then(queue.drop(h.app, "b1")).isTrue();
        then(queue.drop(h.app, "b1")).isFalse();
        then(pipeline.deploy(Build.of("b3").withSourceUrl(SIGNED)).status())
                .isEqualTo(DeploymentOutcome.Status.DEFERRED);
        then(pipeline.nightly().status()).isEqualTo(DeploymentOutcome.Status.DEPLOYED);
        then(h.platform.servingBuild()).isEqualTo("b3");
    }

    @Test
    void a_queue_table_from_before_source_urls_gains_the_column_and_keeps_its_rows() throws Exception {
        try (Connection c = h.control.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS zdcd CASCADE");
            s.execute("CREATE SCHEMA zdcd");
            s.execute("CREATE TABLE zdcd.build_queue (seq bigserial PRIMARY KEY, app text NOT NULL, "
                    + "version text NOT NULL, description text NOT NULL, created_at timestamptz NOT NULL, "
                    + "queued_at timestamptz NOT NULL, reason text NOT NULL, UNIQUE (app, version))");
            s.execute("INSERT INTO zdcd.build_queue (app, version, description, created_at, queued_at, reason) "
                    + "VALUES ('" + h.app + "', 'old1', 'from last week', now(), now(), 'UNSAFE')");
        }
        JdbcBuildQueue queue = JdbcBuildQueue.of(h.control);

        queue.enqueue(h.app, Build.of("new1").withSourceUrl(SIGNED), "queued behind old1", Instant.now());

        then(queue.queued(h.app)).extracting(q -> q.build().version() + " " + q.build().sourceUrl().orElse("none"))
                .containsExactly("old1 none", "new1 " + SIGNED);
    }
}
