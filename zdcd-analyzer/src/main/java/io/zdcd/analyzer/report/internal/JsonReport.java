package io.zdcd.analyzer.report.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import java.io.IOException;
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


    private final JsonGenerator g;

    JsonReport(Appendable out) throws IOException {
        this.g = ReportFacts.compactJsonGenerator(out); // a report for programs: a fifth smaller, faster to write
    }

    public static void write(ClassificationReport report, Appendable out) throws IOException {
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

    private static void writeStatement(JsonGenerator g, StatementAnalysis s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", s.index());
        g.writeNumberField("line", s.line());
        g.writeNumberField("column", s.column());
        g.writeStringField("kind", s.kind());
        g.writeStringField("sql", s.sql());
        if (s.lock().isPresent()) {
            g.writeStringField("lock", s.lock().get().pgName());
        } else {
            g.writeNullField("lock");
        }
        g.writeObjectFieldStart("locks");
        for (java.util.Map.Entry<String, io.zdcd.classify.LockMode> e : s.locks().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue().pgName());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("tables");
        for (String t : s.tables()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("blocks");
        for (String b : ReportFacts.blocks(s)) {
            g.writeString(b);
        }
        g.writeEndArray();
        g.writeBooleanField("rewrite", s.rewrite());
        g.writeBooleanField("scan", s.scan());
        g.writeBooleanField("breaksOldCode", s.breaksOldCode());
        g.writeStringField("verdict", s.verdict().name());
        g.writeStringField("phase", s.phase().label());
        writeFindings(g, s.findings());
        g.writeEndObject();
    }

    private static void writeFindings(JsonGenerator g, List<Finding> findings) throws IOException {
        g.writeArrayFieldStart("findings");
        for (Finding f : findings) {
            g.writeStartObject();
            g.writeStringField("rule", f.ruleId());
            g.writeStringField("verdict", f.verdict().name());
            g.writeStringField("message", f.message());
            g.writeStringField("safeAlternative", f.safeAlternative());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
