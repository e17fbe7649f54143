package io.zdcd.examples.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (src/main/launcher/zdcd, target/zdcd after the build) finds zdcd.jar and zdcd.jsa next to
 * itself however it is called: by an absolute or relative path, from its own directory, through links, and passes
 * the arguments on unchanged. A stand-in java ($JAVA_HOME/bin/java) prints what it was given.
 */
class LauncherScriptTest {
    @TempDir
    Path dir;
    private Path install;
    private Path javaHome;

    @BeforeEach
    void install() throws IOException {
        install = Files.createDirectories(dir.resolve("opt/zdcd"));
        Path script = install.resolve("zdcd");
        Files.copy(Path.of("src/main/launcher/zdcd"), script);
        executable(script);
        javaHome = Files.createDirectories(dir.resolve("jdk/bin")).getParent();
        Path java = javaHome.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        executable(java);
    }

    @Test
    void finds_the_jar_and_the_archive_by_an_absolute_or_relative_path_and_passes_arguments_on() throws Exception {
        assertLaunched(run(dir, install.resolve("zdcd").toString()));
        assertLaunched(run(dir, "opt/zdcd/zdcd"));
        assertLaunched(run(install, "./zdcd"));
        assertLaunched(run(install.resolve(".."), "./zdcd/../zdcd/zdcd"));
        assertLaunched(run(install, "sh", "zdcd"));
    }

    @Test
    void follows_links_relative_and_absolute() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("usr/bin"));
        Files.createSymbolicLink(bin.resolve("zdcd"), Path.of("../../opt/zdcd/zdcd"));
        Files.createSymbolicLink(dir.resolve("zdcd-abs"), install.resolve("zdcd"));
        Files.createSymbolicLink(dir.resolve("zdcd-link-to-link"), Path.of("usr/bin/zdcd"));
        assertLaunched(run(dir, bin.resolve("zdcd").toString()));
        assertLaunched(run(bin, "./zdcd"));
        assertLaunched(run(dir, "./zdcd-abs"));
        assertLaunched(run(dir, "./zdcd-link-to-link"));
    }

    private void assertLaunched(List<String> args) throws IOException {
        then(args).as("java's arguments").contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp");
        String archive = args.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile=")).findFirst().orElseThrow();
        then(Path.of(archive.substring("-XX:SharedArchiveFile=".length())).isAbsolute()).isTrue();
        then(Path.of(archive.substring("-XX:SharedArchiveFile=".length())).normalize())
                .isEqualTo(install.toRealPath().resolve("zdcd.jsa"));
        String jar = args.get(args.indexOf("-cp") + 1);
        then(Path.of(jar).isAbsolute()).isTrue();
        then(Path.of(jar).normalize()).isEqualTo(install.toRealPath().resolve("zdcd.jar"));
        then(args.subList(args.indexOf("-cp") + 2, args.size())).containsExactly(Main.class.getName(), "check",
                "a file with spaces.sql", "--format", "json", "$HOME", "");
    }

    private List<String> run(Path cwd, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.addAll(List.of("check", "a file with spaces.sql", "--format", "json", "$HOME", ""));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", javaHome.toString());
        pb.environment().remove("ZDCD_JAVA_OPTS");
        pb.environment().put("PATH", "/usr/bin:/bin");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        then(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        then(p.exitValue()).as(out).isZero();
        return List.of(out.split("\n", -1)).subList(0, out.split("\n", -1).length - 1);
    }

    private static void executable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
