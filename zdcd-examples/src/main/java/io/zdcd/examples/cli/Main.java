package io.zdcd.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;

/**
 * The entry point of {@code zdcd.jar} and of the {@code zdcd} launcher. A plain {@code zdcd check} runs straight away
 * ({@link FastCheck}); every other command line goes to picocli ({@link Zdcd}). A class of its own that names no
 * picocli type: before {@code main} runs, the JVM loads every type named in the main class's method signatures, and
 * picocli's classes (compiled for Java 5) cannot be stored in {@code zdcd.jsa}, so they would be read from the jar and
 * parsed at every start.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs zdcd and exits with its exit code (0 done, 1 the job found a problem, 2 bad usage or input).
     *
     * @param args the command line, for example {@code check --format json migrations/}
     */
    public static void main(String[] args) {
        // Reports are UTF-8 whatever the platform's default charset is (Java 17 uses the locale's for System.out).
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, UTF_8));
        CheckCommand check = FastCheck.parse(args);
        System.exit(check != null ? Console.runCheck(check, args) : Zdcd.runWithPicocli(args));
    }
}
