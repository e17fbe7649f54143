package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.zdcd.examples.cli.CheckCommandTest.Run;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI recipes in {@code docs/ci/} (issue 15): their {@code zdcd check} lines, taken from the files as written, run
 * through the real command line against the sample migrations (the shell variable holding the changed files becomes
 * the samples, {@code --output} a file in a temporary folder); the pre-commit hook runs for real in a git repository
 * with a {@code zdcd} on the PATH that starts this class path.
 */
class CiRecipesTest {

    private static final Path CI = Path.of("..", "docs", "ci");
    private static final String SAFE = CheckCommandTest.SAMPLES.resolve("0002_order_note.sql").toString();
    private static final String UNSAFE = CheckCommandTest.SAMPLES.resolve("0003_order_status.sql").toString();
    /** A shell expansion of the changed files: {@code $(cat changed.txt)}, {@code $CHANGED}, {@code $staged}. */
    private static final Pattern FILES = Pattern.compile("\\$\\([^)]*\\)|\\$[A-Za-z_]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    @TempDir
    Path dir;

    /** The {@code zdcd check ...} commands of a recipe, each up to its first {@code ||}, in file order. */
    static List<String> zdcdLines(String recipe) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(CI.resolve(recipe))) {
            String l = line.strip().replaceFirst("^- ", "").replaceFirst("^run: ", "");
            if (l.startsWith("zdcd check ")) {
                int or = l.indexOf("||");
                lines.add((or < 0 ? l : l.substring(0, or)).strip());
            }
        }
        return lines;
    }

    /** Runs a recipe's command line in-process, the changed files being {@code files}; --output goes to {@link #dir}. */
    private Run run(String commandLine, String... files) {
        then(FILES.matcher(commandLine).results().count()).as("one file expansion in %s", commandLine).isEqualTo(1);
        List<String> args = new ArrayList<>();
        String[] words = FILES.matcher(commandLine).replaceAll(Matcher.quoteReplacement("@FILES@")).split("\\s+");
        then(words[0]).isEqualTo("zdcd");
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals("@FILES@")) {
                args.addAll(List.of(files));
            } else if (words[i - 1].equals("--output")) {
                args.add(dir.resolve(words[i]).toString());
            } else {
                args.add(words[i]);
            }
        }
        return CheckCommandTest.run(args.toArray(String[]::new));
    }

    private static String option(String commandLine, String name) {
        String[] words = commandLine.split("\\s+");
        for (int i = 0; i < words.length - 1; i++) {
            if (words[i].equals(name)) {
                return words[i + 1];
            }
        }
        throw new AssertionError(name + " missing from " + commandLine);
    }

    @Test
    void github_actions_writes_markdown_and_sarif_and_hands_them_to_the_comment_and_code_scanning() throws Exception {
        List<String> lines = zdcdLines("github-actions.yml");
        then(lines).hasSize(2);
        String markdown = lines.get(0);
        String sarif = lines.get(1);
        then(option(markdown, "--format")).isEqualTo("markdown");
        then(option(sarif, "--format")).isEqualTo("sarif");

        JsonNode workflow = YAML.readTree(CI.resolve("github-actions.yml").toFile());
        List<String> uses = new ArrayList<>();
        String sarifFile = null;
        String commentRun = null;
        for (JsonNode step : workflow.at("/jobs/migrations/steps")) {
            uses.add(step.path("uses").asText());
            if (step.path("uses").asText().startsWith("github/codeql-action/upload-sarif@")) {
                sarifFile = step.at("/with/sarif_file").asText();
            }
            if (step.path("run").asText().startsWith("gh pr comment")) {
                commentRun = step.get("run").asText();
            }
        }
        then(uses).contains("actions/checkout@v4", "actions/setup-java@v4");
        then(sarifFile).isEqualTo(option(sarif, "--output"));
        then(commentRun).contains("--body-file " + option(markdown, "--output"));
        then(workflow.at("/permissions/security-events").asText()).isEqualTo("write");

        Run unsafeMd = run(markdown, SAFE, UNSAFE);
        then(unsafeMd.exitCode()).as(unsafeMd.err()).isEqualTo(1);
        then(Files.readString(dir.resolve(option(markdown, "--output")))).contains("UNSAFE")
                .contains("0003_order_status.sql").contains("| ");
        Run unsafeSarif = run(sarif, SAFE, UNSAFE);
        then(unsafeSarif.exitCode()).as(unsafeSarif.err()).isEqualTo(1);
        JsonNode report = JSON.readTree(dir.resolve(option(sarif, "--output")).toFile());
        then(report.get("version").asText()).isEqualTo("2.1.0");
        then(report.at("/runs/0/results")).isNotEmpty();
        for (JsonNode result : report.at("/runs/0/results")) {
            then(result.get("level").asText()).isEqualTo("error");
            then(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                    .isEqualTo("samples/0003_order_status.sql");
        }

        Run safe = run(sarif, SAFE);
        then(safe.exitCode()).as(safe.err()).isZero();
        then(JSON.readTree(dir.resolve(option(sarif, "--output")).toFile()).at("/runs/0/results")).isEmpty();
    }

    @Test
    void gitlab_ci_writes_the_code_quality_report_the_job_declares() throws Exception {
        List<String> lines = zdcdLines("gitlab-ci.yml");
        then(lines).hasSize(1);
        String gitlab = lines.get(0);
        then(option(gitlab, "--format")).isEqualTo("gitlab");
        JsonNode job = YAML.readTree(CI.resolve("gitlab-ci.yml").toFile()).get("zdcd");
        then(job.at("/artifacts/reports/codequality").asText()).isEqualTo(option(gitlab, "--output"));
        then(job.at("/artifacts/when").asText()).isEqualTo("always");
        Path output = dir.resolve(option(gitlab, "--output"));

        Run unsafe = run(gitlab, SAFE, UNSAFE);
        then(unsafe.exitCode()).as(unsafe.err()).isEqualTo(1);
        JsonNode issues = JSON.readTree(output.toFile());
        then(issues.isArray()).isTrue();
        then(issues).isNotEmpty();
        for (JsonNode issue : issues) {
            then(issue.get("check_name").asText()).isNotBlank();
            then(issue.get("description").asText()).startsWith(issue.get("check_name").asText() + ": ");
            then(issue.get("severity").asText()).isEqualTo("major");
            then(issue.get("fingerprint").asText()).matches("[0-9a-f]{64}");
            then(issue.at("/location/path").asText()).isEqualTo("samples/0003_order_status.sql");
            then(issue.at("/location/lines/begin").asInt()).isBetween(2, 9);
        }
        then(issues.findValuesAsText("fingerprint")).doesNotHaveDuplicates();

        Run safe = run(gitlab, SAFE);
        then(safe.exitCode()).as(safe.err()).isZero();
        then(JSON.readTree(output.toFile())).isEmpty();
    }

    @Test
    void the_pre_commit_hook_lets_a_safe_migration_through_and_refuses_an_unsafe_one() throws Exception {
        List<String> lines = zdcdLines("pre-commit");
        then(lines).containsExactly("zdcd check $staged");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path shim = bin.resolve("zdcd");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(shim, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' " + Zdcd.class.getName() + " \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));

        then(git(repo, bin, "init", "-q").exitCode()).isZero();
        Path hook = repo.resolve(".git/hooks/pre-commit");
        Files.createDirectories(hook.getParent());
        Files.copy(CI.resolve("pre-commit"), hook);
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path migrations = Files.createDirectories(repo.resolve("db/migrations"));
        Files.copy(Path.of(SAFE), migrations.resolve("0002 order note.sql")); // a space in the name stays whole
        Files.copy(Path.of(UNSAFE), migrations.resolve("0003_order_status.sql"));
        Files.writeString(repo.resolve("notes.txt"), "not SQL\n");

        then(git(repo, bin, "add", "notes.txt").exitCode()).isZero();
        Git noSql = git(repo, bin, "commit", "-q", "-m", "no migration");
        then(noSql.exitCode()).as(noSql.output()).isZero();

        then(git(repo, bin, "add", "db/migrations/0002 order note.sql").exitCode()).isZero();
        Git safe = git(repo, bin, "commit", "-q", "-m", "safe migration");
        then(safe.exitCode()).as(safe.output()).isZero();
        then(safe.output()).contains("db/migrations/0002 order note.sql: SAFE");

        then(git(repo, bin, "add", "db/migrations/0003_order_status.sql").exitCode()).isZero();
        Git unsafe = git(repo, bin, "commit", "-q", "-m", "unsafe migration");
        then(unsafe.exitCode()).as(unsafe.output()).isNotZero();
        then(unsafe.output()).contains("db/migrations/0003_order_status.sql: UNSAFE").contains("commit refused");
        then(git(repo, bin, "rev-list", "--count", "HEAD").output().strip()).isEqualTo("2");
        then(git(repo, bin, "diff", "--cached", "--name-only").output())
                .contains("db/migrations/0003_order_status.sql");
    }

    record Git(int exitCode, String output) {
    }

    /** git in {@code repo}, {@code bin} first on the PATH, no user or system configuration; stdout and stderr merged. */
    private Git git(Path repo, Path bin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=zdcd test", "-c",
                "user.email=test@zdcd.invalid", "-c", "core.hooksPath=.git/hooks", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", dir.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        then(p.waitFor(120, TimeUnit.SECONDS)).as("git %s finished", List.of(args)).isTrue();
        return new Git(p.exitValue(), output);
    }
}
