package io.zdcd.recovery;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.spi.Build;
import io.zdcd.spi.DeploymentMode;
import io.zdcd.spi.DeploymentRecord;
import io.zdcd.spi.JournalEntry;
import io.zdcd.spi.JournalEntry.Phase;
import io.zdcd.spi.StepKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The recovery table (architecture.md §5) computed from journals alone, including a crash during recovery. */
class RecoveryPlanTest {
    static final Instant T = Instant.parse("2026-11-26T02:00:00Z");
    final List<JournalEntry> entries = new ArrayList<>();

    private RecoveryPlanTest e(StepKind step, Phase phase, String subject, String... kv) {
        java.util.HashMap<String, String> attrs = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            attrs.put(kv[i], kv[i + 1]);
        }
        entries.add(new JournalEntry(step, phase, T.plusSeconds(entries.size()), subject, Map.copyOf(attrs)));
        return this;
    }

    private RecoveryPlanTest locked() {
        return e(StepKind.LOCK, Phase.SUCCEEDED, "", "previousRelease", "41", "previousBuild", "abc",
                "previousReleaseAt", T.toString());
    }

    private RecoveryPlanTest backedUp(boolean maintenanceBefore) {
        e(StepKind.BACKUP, Phase.STARTED, "");
        return e(StepKind.BACKUP, Phase.SUCCEEDED, "b042", "capturedAt", T.plusSeconds(5).toString(),
                "maintenanceBeforeBackup", String.valueOf(maintenanceBefore));
    }

    private RecoveryPlanTest migrated(String name, String verdict) {
        e(StepKind.MIGRATE, Phase.STARTED, name, "verdict", verdict);
        return e(StepKind.MIGRATE, Phase.SUCCEEDED, name, "verdict", verdict);
    }

    private RecoveryPlan plan() {
        return RecoveryPlan.from(new DeploymentRecord("7", "acme", Build.of("def"), DeploymentMode.NIGHTLY, "ci",
                T, Optional.empty(), false, "", entries));
    }

    private List<String> kinds(RecoveryPlan p) {
        return p.steps().stream().map(s -> s.getClass().getSimpleName()).toList();
    }

    @Test
    void lock_preflight_or_backup_failing_needs_nothing() {
        locked().e(StepKind.BACKUP, Phase.STARTED, "").e(StepKind.BACKUP, Phase.FAILED, "", "reason", "disk full");

        RecoveryPlan p = plan();

        then(p.steps()).isEmpty();
        then(p.isEmpty()).isTrue();
        then(p.failure()).isEqualTo("backup failed: disk full");
        then(p.requiresDowntime()).isFalse();
        then(p.describe()).contains("Nothing to do");
    }

    @Test
    void a_crash_mid_contract_never_rolls_the_verified_release_back_and_only_cleans_up_what_the_part_left() {
        // expand/contract: expand part applied, release verified, then the contract part was interrupted
        locked().backedUp(false).migrated("V1__idx_001_expand.sql", "SAFE")
                .e(StepKind.RELEASE, Phase.STARTED, "").e(StepKind.RELEASE, Phase.SUCCEEDED, "")
                .e(StepKind.VERIFY, Phase.STARTED, "v42").e(StepKind.VERIFY, Phase.SUCCEEDED, "v42")
                .e(StepKind.CONTRACT, Phase.STARTED, "V1__idx_002_contract.sql", "verdict", "CONTRACT",
                        "concurrentIndexes", "orders_note_key", "rewriteOf", "V1__idx.sql")
                .e(StepKind.CONTRACT, Phase.STARTED, "V1__idx_002_contract.sql", "operation", "backend",
                        "operationId", "4242");

        RecoveryPlan p = plan();

        then(p.steps()).containsExactly(new RecoveryStep.EndSession("4242", "V1__idx_002_contract.sql"),
                new RecoveryStep.DropInvalidIndex("orders_note_key"));
        then(p.failure()).isEqualTo("contract V1__idx_002_contract.sql was interrupted (the deployment stopped "
                + "mid-step: crash or kill)");
        then(p.restoresDatabase()).isFalse();
        then(p.requiresDowntime()).isFalse();
        then(kinds(p)).doesNotContain("RollbackRelease", "MaintenanceOn", "KeepSchema");
    }

    @Test
    void a_failed_transactional_migration_keeps_the_earlier_safe_ones() {
        locked().backedUp(false).migrated("0001_a", "SAFE")
                .e(StepKind.MIGRATE, Phase.STARTED, "0002_b", "verdict", "SAFE")
                .e(StepKind.MIGRATE, Phase.FAILED, "0002_b", "stayed", "0", "reason", "syntax error");

        RecoveryPlan p = plan();

        then(p.steps()).containsExactly(new RecoveryStep.KeepSchema(List.of("0001_a")));
        then(p.isEmpty()).isTrue();
        then(p.restoresDatabase()).isFalse();
    }

    @Test
    void a_failed_concurrently_statement_drops_its_invalid_index() {
        locked().backedUp(false)
                .e(StepKind.MIGRATE, Phase.STARTED, "0003_idx", "verdict", "SAFE", "concurrentIndexes", "users_email")
                .e(StepKind.MIGRATE, Phase.FAILED, "0003_idx", "stayed", "0", "invalidIndexes", "users_email");

        RecoveryPlan p = plan();

        then(p.steps()).containsExactly(new RecoveryStep.DropInvalidIndex("users_email"));
        then(p.requiresDowntime()).isFalse();
        then(p.describe()).contains("DROP INDEX CONCURRENTLY IF EXISTS users_email");
    }

    @Test
    void a_failed_verify_after_safe_migrations_rolls_back_the_code_only() {
        locked().backedUp(false).migrated("0001_a", "SAFE").e(StepKind.RELEASE, Phase.STARTED, "")
                .e(StepKind.RELEASE, Phase.SUCCEEDED, "").e(StepKind.VERIFY, Phase.STARTED, "v42")
                .e(StepKind.VERIFY, Phase.FAILED, "v42", "reason", "503");

        RecoveryPlan p = plan();

        then(kinds(p)).containsExactly("RollbackRelease", "KeepSchema");
        then(((RecoveryStep.RollbackRelease) p.steps().get(0)).to().version()).isEqualTo(41);
        then(p.requiresDowntime()).isFalse();
        then(p.restoresDatabase()).isFalse();
        then(p.toString()).isEqualTo("RecoveryPlan[acme #7: 2 steps, no downtime]");
    }

    @Test
    void a_failed_verify_after_unsafe_migrations_restores_inside_maintenance() {
        locked().e(StepKind.MAINTENANCE_ON, Phase.STARTED, "").e(StepKind.MAINTENANCE_ON, Phase.SUCCEEDED, "")
                .backedUp(true).migrated("0004_drop", "UNSAFE").e(StepKind.RELEASE, Phase.STARTED, "")
                .e(StepKind.RELEASE, Phase.SUCCEEDED, "").e(StepKind.VERIFY, Phase.FAILED, "v42", "reason", "503");

        RecoveryPlan p = plan();

        then(kinds(p)).containsExactly("MaintenanceOn", "RollbackRelease", "RestoreDatabase", "MaintenanceOff");
        then(p.requiresDowntime()).isTrue();
        then(p.restoresDatabase()).isTrue();
        then(p.writesLostSince()).isEmpty();
        then(p.needsConsent()).isFalse();
        then(p.describe()).contains("no write is lost", "Downtime: yes");
    }

    @Test
    void a_restore_without_a_maintenance_window_loses_writes_and_needs_consent() {
        locked().backedUp(false).migrated("0004_drop", "UNSAFE").e(StepKind.RELEASE, Phase.STARTED, "")
                .e(StepKind.RELEASE, Phase.FAILED, "", "reason", "release phase failed");

        RecoveryPlan p = plan();

        then(p.writesLostSince()).contains(T.plusSeconds(5));
        then(p.needsConsent()).isTrue();
        then(p.withConsentToLoseWrites().needsConsent()).isFalse();
        then(p.summary()).contains("loses writes since 2026-11-26T02:00:05Z (needs consent)");
    }

    @Test
    void a_crash_during_recovery_does_not_repeat_the_steps_already_done() {
        locked().e(StepKind.MAINTENANCE_ON, Phase.SUCCEEDED, "").backedUp(true).migrated("0004_drop", "UNSAFE")
                .e(StepKind.RELEASE, Phase.SUCCEEDED, "").e(StepKind.VERIFY, Phase.FAILED, "v42", "reason", "503")
                .e(StepKind.RECOVER, Phase.STARTED, "").e(StepKind.MAINTENANCE_ON, Phase.SUCCEEDED, "")
                .e(StepKind.ROLLBACK, Phase.SUCCEEDED, "v41").e(StepKind.RESTORE, Phase.STARTED, "b042")
                .e(StepKind.RESTORE, Phase.SUCCEEDED, "b042");

        RecoveryPlan p = plan();

        then(kinds(p)).containsExactly("MaintenanceOn", "MaintenanceOff");
        then(p.failure()).isEqualTo("verify v42 failed: 503");
    }

    @Test
    void an_interrupted_unsafe_migration_counts_as_applied() {
        locked().e(StepKind.MAINTENANCE_ON, Phase.SUCCEEDED, "").backedUp(true)
                .e(StepKind.MIGRATE, Phase.STARTED, "0004_drop", "verdict", "UNSAFE");

        RecoveryPlan p = plan();

        then(kinds(p)).containsExactly("MaintenanceOn", "RestoreDatabase", "MaintenanceOff");
        then(p.failure()).contains("migrate 0004_drop was interrupted");
    }

    @Test
    void without_a_previous_release_a_person_must_decide() {
        e(StepKind.LOCK, Phase.SUCCEEDED, "").e(StepKind.RELEASE, Phase.STARTED, "")
                .e(StepKind.RELEASE, Phase.FAILED, "", "reason", "boom");

        RecoveryPlan p = plan();

        then(kinds(p)).containsExactly("Manual");
        then(p.describe()).contains("By hand: no release ran before this deployment");
    }
}
