package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.api.Test;

/** What users of any serious CLI expect: errors named by their subcommand, "did you mean", {@code zdcd help CMD}. */
class CliConventionsTest {

    @Test
    void a_mistyped_option_is_named_with_its_subcommand_and_a_suggestion_on_one_line() {
        CheckCommandTest.Run r = CheckCommandTest.run("check", "--formt", "json", "x.sql");

        then(r.exitCode()).isEqualTo(2);
        then(r.err()).startsWith("zdcd check: Unknown option: '--formt'").contains("(did you mean --format?)")
                .hasLineCount(1);
    }

    @Test
    void a_mistyped_command_gets_a_suggestion() {
        CheckCommandTest.Run r = CheckCommandTest.run("chek", "x.sql");

        then(r.exitCode()).isEqualTo(2);
        then(r.err()).startsWith("zdcd: Unmatched arguments").contains("did you mean check").hasLineCount(1);
    }

    @Test
    void help_names_a_command() {
        CheckCommandTest.Run r = CheckCommandTest.run("help", "check");

        then(r.exitCode()).isEqualTo(0);
        then(r.out()).startsWith("Usage: zdcd check").contains("--format");
        CheckCommandTest.Run all = CheckCommandTest.run("help");
        then(all.out()).contains("check", "deploy", "nightly", "recover", "help");
    }

    @Test
    void an_option_value_the_command_refuses_names_the_option() {
        CheckCommandTest.Run r = CheckCommandTest.run("check", "--postgres-version", "10", "x.sql");

        then(r.exitCode()).isEqualTo(2);
        then(r.err()).startsWith("zdcd check: --postgres-version 10: must be between 11 and 18")
                .doesNotContain("postgresVersion").hasLineCount(1);
    }

    @Test
    void every_help_text_fits_80_columns_and_each_summary_is_a_whole_sentence() {
        CheckCommandTest.Run top = CheckCommandTest.run("--help");
        then(top.exitCode()).isEqualTo(0);
        then(top.out().lines()).allSatisfy(line -> then(line.length()).as(line).isLessThanOrEqualTo(80));
        picocli.CommandLine cli = Zdcd.commandLine();
        then(cli.getSubcommands()).hasSizeGreaterThan(8);
        cli.getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (!name.equals("help")) {
                then(description).as("description of %s", name).isNotEmpty();
                then(description[0].strip()).as("the summary `zdcd --help` shows for %s", name).endsWith(".");
            }
            CheckCommandTest.Run help = CheckCommandTest.run("help", name);
            then(help.exitCode()).as("zdcd help %s", name).isEqualTo(0);
            then(help.out().lines()).as("zdcd help %s", name)
                    .allSatisfy(line -> then(line.length()).as(line).isLessThanOrEqualTo(80));
        });
    }
}
