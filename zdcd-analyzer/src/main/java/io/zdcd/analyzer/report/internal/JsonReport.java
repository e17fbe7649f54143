package io.zdcd.analyzer.report.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * The JSON contract of {@code zdcd check --format json} (issue 3). Field names are a contract: add fields, never
 * rename or remove one.
 *
 * <pre>
 * { "postgresVersion": 17, "verdict": "SAFE|UNSAFE",
 *   "migrations": [ { "path": "...", "verdict": "...",
 *       "statements": [ { "index": 1, "line": 3, "sql": "...", "lock": "AccessExclusiveLock" | null,
 *           "tables": [...], "blocks": ["reads", "writes"], "rewrite": false, "scan": false,
 *           "breaksOldCode": false, "verdict": "...",
 *           "findings": [ { "rule": "...", "verdict": "...", "message": "...", "safeAlternative": "..." } ] } ] } ] }
 * </pre>
 * Added beyond the contract: {@code summary} (counts), statement {@code column}, {@code kind}, {@code locks} (the
 * lock on each pre-existing relation: {@code {"orders": "ShareRowExclusiveLock", ...}}) and {@code phase}
 * ({@code expand}, {@code contract} or {@code maintenance}), and the
 * migration-level {@code findings} (for example an unused {@code zdcd:ignore}). Written compact, on one line
 * ending with a newline ({@code jq .} indents it).
 */
public final class JsonReport implements ReportStream {


    // The names written for every statement and finding, encoded once (a 20,000-statement report writes 16 MB).
    private static final SerializableString INDEX = new SerializedString("index");
    private static final SerializableString LINE = new SerializedString("line");
    private static final SerializableString COLUMN = new SerializedString("column");
    private static final SerializableString KIND = new SerializedString("kind");
    private static final SerializableString SQL = new SerializedString("sql");
    private static final SerializableString LOCK = new SerializedString("lock");
    private static final SerializableString LOCKS = new SerializedString("locks");
    private static final SerializableString TABLES = new SerializedString("tables");
    private static final SerializableString BLOCKS = new SerializedString("blocks");
    private static final SerializableString REWRITE = new SerializedString("rewrite");
    private static final SerializableString SCAN = new SerializedString("scan");
    private static final SerializableString BREAKS_OLD_CODE = new SerializedString("breaksOldCode");
    private static final SerializableString VERDICT = new SerializedString("verdict");
    private static final SerializableString PHASE = new SerializedString("phase");
    private static final SerializableString FINDINGS = new SerializedString("findings");
    private static final SerializableString RULE = new SerializedString("rule");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString SAFE_ALTERNATIVE = new SerializedString("safeAlternative");

    private final JsonGenerator g;
    private final OutputStream bytes;

    JsonReport(Appendable out) throws IOException {
        this.g = ReportFacts.compactJsonGenerator(out); // a report for programs: a fifth smaller, faster to write
        this.bytes = null;
    }

    JsonReport(OutputStream out) throws IOException {
        this.g = ReportFacts.compactJsonGenerator(out);
        this.bytes = out;
    }

    public static void write(ClassificationReport report, Appendable out) throws IOException {
        ReportStream.write(report, new JsonReport(out));
    }

    /** Writes the report as UTF-8 bytes to {@code out} (flushed, not closed). */
    public static void write(ClassificationReport report, OutputStream out) throws IOException {
        ReportStream.write(report, new JsonReport(out));
    }

    @Override
    public void start(ReportOverview o) throws IOException {
        g.writeStartObject();
        g.writeNumberField("postgresVersion", o.postgresVersion);
        g.writeStringField("verdict", o.verdict().name());
        g.writeObjectFieldStart("summary");
        g.writeNumberField("migrations", o.migrationCount());
        g.writeNumberField("unsafeMigrations", o.unsafeMigrationCount());
        g.writeNumberField("statements", o.statementCount());
        g.writeNumberField("unsafeStatements", o.unsafeStatementCount());
        g.writeEndObject();
        g.writeArrayFieldStart("migrations");
    }

    @Override
    public void migrationStart(ReportOverview.Migration m) throws IOException {
        g.writeStartObject();
        g.writeStringField("path", m.name);
        g.writeStringField("verdict", m.verdict.name());
        g.writeArrayFieldStart("statements");
    }

    @Override
    public void statement(StatementAnalysis s) throws IOException {
        writeStatement(g, s);
    }

    /**
     * Writes a migration's statements already encoded ({@link ConcurrentJsonReport}): JSON objects separated by
     * commas, in place of {@link #statement} calls. Only for a report writing to an {@code OutputStream}.
     */
    void statementsEncoded(ChunkedBytes encoded) throws IOException {
        g.flush();
        encoded.writeTo(bytes);
    }

    @Override
    public void migrationEnd(ReportOverview.Migration m) throws IOException {
        g.writeEndArray();
        writeFindings(g, m.findings);
        g.writeEndObject();
    }

    @Override
    public void end() throws IOException {
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
        g.close();
    }

    static void writeStatement(JsonGenerator g, StatementAnalysis s) throws IOException {
        g.writeStartObject();
        g.writeFieldName(INDEX);
        g.writeNumber(s.index());
        g.writeFieldName(LINE);
        g.writeNumber(s.line());
        g.writeFieldName(COLUMN);
        g.writeNumber(s.column());
        g.writeFieldName(KIND);
        g.writeString(s.kind());
        g.writeFieldName(SQL);
        text(g, s.sql());
        if (s.lock().isPresent()) {
            g.writeFieldName(LOCK);
            g.writeString(s.lock().get().pgName());
        } else {
            g.writeFieldName(LOCK);
            g.writeNull();
        }
        g.writeFieldName(LOCKS);
        g.writeStartObject();
        for (java.util.Map.Entry<String, io.zdcd.classify.LockMode> e : s.locks().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().pgName());
        }
        g.writeEndObject();
        g.writeFieldName(TABLES);
        g.writeStartArray();
        for (String t : s.tables()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeFieldName(BLOCKS);
        g.writeStartArray();
        for (String b : ReportFacts.blocks(s)) {
            g.writeString(b);
        }
        g.writeEndArray();
        g.writeFieldName(REWRITE);
        g.writeBoolean(s.rewrite());
        g.writeFieldName(SCAN);
        g.writeBoolean(s.scan());
        g.writeFieldName(BREAKS_OLD_CODE);
        g.writeBoolean(s.breaksOldCode());
        g.writeFieldName(VERDICT);
        g.writeString(s.verdict().name());
        g.writeFieldName(PHASE);
        g.writeString(s.phase().label());
        writeFindings(g, s.findings());
        g.writeEndObject();
    }

    /** The chars of long texts are copied here before Jackson reads them: it reads a String one charAt at a time. */
    private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[4096]);

    /**
     * Writes {@code text} as {@link JsonGenerator#writeString(String)} does, the same bytes, but from a char array:
     * under C1 (the launcher) {@code String.charAt} is a call per character, an array read is not.
     */
    private static void text(JsonGenerator g, String text) throws IOException {
        int n = text.length();
        char[] chars = CHARS.get();
        if (chars.length < n) {
            chars = new char[Math.max(n, chars.length * 2)];
            CHARS.set(chars);
        }
        text.getChars(0, n, chars, 0);
        g.writeString(chars, 0, n);
    }

    private static void writeFindings(JsonGenerator g, List<Finding> findings) throws IOException {
        g.writeFieldName(FINDINGS);
        g.writeStartArray();
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeFieldName(RULE);
            g.writeString(f.ruleId());
            g.writeFieldName(VERDICT);
            g.writeString(f.verdict().name());
            g.writeFieldName(MESSAGE);
            text(g, f.message());
            g.writeFieldName(SAFE_ALTERNATIVE);
            g.writeString(f.safeAlternative());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
