package io.zdcd.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.zdcd.jdbc.PostgresDatabase;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;

/**
 * The command line's standard streams, exit codes and secret scrubbing, shared by {@link Zdcd} and {@link Main}. It
 * names no picocli type, so that {@code zdcd check} runs without loading picocli (see {@link Main}).
 */
final class Console {
    private Console() {
    }

    /**
     * A message without secrets, whatever code produced it: URL credentials hidden ({@link PostgresDatabase#redact}),
     * and the password of every database URL on the command line or in {@code DATABASE_URL} and
     * {@code ZDCD_CONTROL_DATABASE_URL}, and {@code HEROKU_API_KEY}, masked ({@link PostgresDatabase#mask(String,
     * String)}, the one mask).
     */
    static String scrub(String message, String[] args) {
        String out = message;
        java.util.List<String> urls = new java.util.ArrayList<>();
        for (String arg : args) {
            urls.add(arg.startsWith("-") ? arg.substring(arg.indexOf('=') + 1) : arg);
        }
        urls.add(System.getenv("DATABASE_URL"));
        urls.add(System.getenv("ZDCD_CONTROL_DATABASE_URL"));
        for (String url : urls) {
            if (url != null && (url.contains("postgres://") || url.contains("postgresql://"))) {
                try {
                    out = PostgresDatabase.fromUrl(url).mask(out);
                } catch (IllegalArgumentException e) {
                    // not a URL zdcd could read: redact() below hides its credentials
                }
            }
        }
        return PostgresDatabase.redact(PostgresDatabase.mask(out, System.getenv("HEROKU_API_KEY")));
    }

    /** The one line on stderr for an exception a command did not handle. */
    static String failure(Exception ex) {
        return "zdcd: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage());
    }

    /** Runs {@code zdcd check} as {@link Zdcd#run(picocli.CommandLine, String[])} does, without picocli ({@link FastCheck}). */
    static int runCheck(CheckCommand check, String[] args) {
        check.out = stdout();
        check.err = stderr();
        check.bytes = new PrintStream(new java.io.BufferedOutputStream(System.out, 1 << 16), false, UTF_8);
        int exit;
        try {
            exit = check.call();
        } catch (RuntimeException e) {
            check.err.println(scrub(failure(e), args));
            exit = 2;
        }
        return reported(exit, check.out);
    }

    static PrintWriter stdout() {
        return new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
    }

    static PrintWriter stderr() {
        return new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
    }

    static int reported(int exit, PrintWriter out) {
        out.flush();
        if (System.out.checkError() || out.checkError()) {
            System.err.println("zdcd: could not write the report to standard output (disk full or output closed?)");
            System.err.flush();
            return 2;
        }
        return exit;
    }
}
