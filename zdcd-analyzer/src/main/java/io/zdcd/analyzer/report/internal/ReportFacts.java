package io.zdcd.analyzer.report.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import io.zdcd.classify.Classification;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.internal.Counts;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.stream.Collectors;

/** What every renderer needs: counts, the blocked traffic in a stable order, and an Appendable as a Writer. */
final class ReportFacts {

    private ReportFacts() {
    }

    /** {@code reads}, {@code writes}, in that order. */
    static List<String> blocks(StatementAnalysis s) {
        List<String> out = new java.util.ArrayList<>(2);
        for (StatementAnalysis.Blocked b : StatementAnalysis.Blocked.values()) { // in declaration order
            if (s.blocks().contains(b)) {
                out.add(b.label());
            }
        }
        return out;
    }

    /** The statement's SQL on one line, cut to {@code max} characters with an ellipsis. */
    static String oneLine(String sql, int max) {
        String head = sql.length() > 4 * max ? sql.substring(0, 4 * max) : sql; // never flatten a huge statement whole
        String flat = head.strip().replaceAll("\\s+", " ");
        if (head.length() < sql.length() && flat.length() <= max) {
            flat = flat + "...";
        }
        return flat.length() <= max ? flat : flat.substring(0, Math.max(0, max - 3)) + "...";
    }

    /** One sentence summing the report up, for example {@code 1 of 2 migrations UNSAFE (3 of 12 statements)}. */
    static String summary(ClassificationReport report) {
        return summary(ReportOverview.of(report));
    }

    static String summary(ReportOverview o) {
        int migrations = o.migrationCount();
        long unsafeMigrations = o.unsafeMigrationCount();
        long statements = o.statementCount();
        long unsafeStatements = o.unsafeStatementCount();
        if (unsafeMigrations == 0) {
            return plural(migrations, "migration") + ", " + plural(statements, "statement") + ": all SAFE";
        }
        return unsafeMigrations + " of " + plural(migrations, "migration") + " UNSAFE (" + unsafeStatements + " of "
                + plural(statements, "statement") + ")";
    }

    static String plural(long n, String noun) {
        return Counts.of(n, noun);
    }

    static String ruleList(Classification c) {
        return c.allFindings().stream().map(f -> f.ruleId()).distinct().collect(Collectors.joining(", "));
    }

    /** ASCII only (non-ASCII as JSON escapes), so the output is right whatever charset a terminal or pipe uses. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    /** A pretty-printing JSON generator writing to {@code out}, which it never closes. */
    static JsonGenerator jsonGenerator(Appendable out) throws IOException {
        JsonGenerator g = compactJsonGenerator(out);
        g.useDefaultPrettyPrinter();
        return g;
    }

    /**
     * A JSON generator writing UTF-8 bytes to {@code out} without indentation, which it never closes: the same JSON
     * as {@link #compactJsonGenerator(Appendable)}, without a character encoder between the generator and the bytes.
     */
    static JsonGenerator compactJsonGenerator(java.io.OutputStream out) throws IOException {
        return JSON.createGenerator(out, com.fasterxml.jackson.core.JsonEncoding.UTF8);
    }

    /** A JSON generator writing to {@code out} without indentation (the same JSON, smaller and faster to write). */
    static JsonGenerator compactJsonGenerator(Appendable out) throws IOException {
        return JSON.createGenerator(asWriter(out));
    }

    /** The appendable itself when it is a Writer, else a Writer that appends to it (never closing it). */
    static Writer asWriter(Appendable out) {
        if (out instanceof Writer w) {
            return w;
        }
        return new Writer() {
            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                out.append(java.nio.CharBuffer.wrap(buf, off, len));
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                out.append(str, off, off + len);
            }

            @Override
            public void flush() {
                // the Appendable has no flush; its owner flushes it
            }

            @Override
            public void close() {
                // never closes the caller's Appendable
            }
        };
    }
}
