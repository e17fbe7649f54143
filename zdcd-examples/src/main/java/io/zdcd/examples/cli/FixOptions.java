package io.zdcd.examples.cli;

import io.zdcd.analyzer.fix.MigrationFixer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --fix} and {@code --batch-size N} of {@code zdcd deploy}, {@code zdcd nightly} and {@code zdcd plan}: ship an
 * UNSAFE push by expand/contract ({@code DeploymentPipeline.Builder#expandContract}), with batch loops of N keys.
 */
final class FixOptions {
    /** The largest batch: as {@link MigrationFixer.Builder#batchSize(int)} accepts. */
    static final int MAX_BATCH = 1_000_000;

    @Option(names = "--fix", description = "Ship an UNSAFE push at once by expand/contract when every UNSAFE "
            + "statement has a recipe (zdcd fix); otherwise it is deferred as without --fix.")
    boolean fix;

    @Option(names = "--batch-size", paramLabel = "N", description = "With --fix: the keys per batch of a batch loop "
            + "(backfill, batched UPDATE/DELETE), each batch one short transaction (default: "
            + MigrationFixer.DEFAULT_BATCH_SIZE + ").")
    String batchSize;

    /** Sets {@code options} from these: {@code --batch-size} without {@code --fix} or out of range is bad usage. */
    void applyTo(HerokuOptions options, CommandSpec spec) {
        if (batchSize != null && !fix) {
            throw new ParameterException(spec.commandLine(), "--batch-size " + batchSize + ": needs --fix (it sizes "
                    + "the batch loops of expand/contract)");
        }
        options.expandContract = fix;
        if (batchSize != null) {
            try {
                options.batchSize = parse(batchSize);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
    }

    /**
     * The value of a {@code --batch-size} option.
     *
     * @throws IllegalArgumentException naming the option, when not a whole number from 1 to {@value #MAX_BATCH}
     */
    static int parse(String value) {
        String v = value.strip().replace("_", "");
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > MAX_BATCH) {
            throw new IllegalArgumentException("--batch-size " + value + ": must be a whole number from 1 to "
                    + MAX_BATCH + " (keys per batch)");
        }
        return n;
    }
}
