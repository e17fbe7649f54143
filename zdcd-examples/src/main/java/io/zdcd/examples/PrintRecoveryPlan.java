package io.zdcd.examples;

import io.zdcd.jdbc.JdbcDeploymentJournal;
import io.zdcd.jdbc.PostgresDatabase;
import io.zdcd.recovery.RecoveryPlan;
import io.zdcd.spi.DeploymentJournal;
import io.zdcd.spi.DeploymentRecord;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * After a crash (the deploying process was killed mid-step): read zdcd's journal and print what recovery would do,
 * as a numbered runbook, before anyone runs {@code pipeline.recover()}.
 *
 * <pre>
 * java -cp zdcd-examples/target/zdcd.jar io.zdcd.examples.PrintRecoveryPlan \
 *     'jdbc:postgresql://localhost:5432/zdcd_control?user=me' acme
 * </pre>
 * Exit code 0 when nothing is unfinished, 1 when a deployment awaits recovery (its plan is printed), 2 on bad input.
 */
public final class PrintRecoveryPlan {
    private PrintRecoveryPlan() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The example's work, returning its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            err.println("usage: PrintRecoveryPlan JOURNAL_DATABASE_URL APP");
            return 2;
        }
        DeploymentJournal journal;
        try {
            journal = JdbcDeploymentJournal.of(PostgresDatabase.fromUrl(args[0]));
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        String app = args[1];
        Optional<DeploymentRecord> unfinished = journal.unfinished(app);
        if (unfinished.isEmpty()) {
            List<DeploymentRecord> recent = journal.recent(app, 1);
            out.println("No unfinished deployment of " + app + (recent.isEmpty() ? "."
                    : "; the last one: " + recent.get(0)));
            return 0;
        }
        DeploymentRecord record = unfinished.get();
        out.println("Unfinished: " + record);
        record.entries().forEach(e -> out.println("  " + e));
        RecoveryPlan plan = RecoveryPlan.from(record);
        out.print(plan.describe());
        return 1;
    }
}
