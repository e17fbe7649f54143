package io.zdcd.analyzer.report.internal;

import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The report for people: per migration, one line per statement (position, verdict, kind, tables, lock and what it
 * blocks), its findings with the safe alternative under each UNSAFE one, and a closing summary line.
 *
 * <pre>
 * migrations/0002_add_email.sql: UNSAFE
 *   #2 L3:1  UNSAFE  ALTER TABLE ADD COLUMN users  AccessExclusiveLock (blocks reads, writes; rewrite)
 *       ALTER TABLE "users" ADD COLUMN "email" varchar(254) DEFAULT '' NOT NULL
 *       UNSAFE add-column-not-null: ...
 *         safe alternative:
 *           ALTER TABLE ...
 *
 * UNSAFE (PostgreSQL 17): 1 of 2 migrations UNSAFE (1 of 7 statements)
 * </pre>
 */
public final class TextReport implements ReportStream {

    private static final int SQL_WIDTH = 160;

    private final Appendable out;
    private ReportOverview overview;

    TextReport(Appendable out) {
        this.out = out;
    }

    public static void write(ClassificationReport report, Appendable out) throws IOException {
        ReportStream.write(report, new TextReport(out));
    }

    @Override
    public void start(ReportOverview o) {
        this.overview = o;
    }

    @Override
    public void migrationStart(ReportOverview.Migration m) throws IOException {
        out.append(m.name).append(": ").append(m.verdict.name()).append('\n');
    }

    @Override
    public void statement(StatementAnalysis s) throws IOException {
        writeStatement(s, out);
    }

    @Override
    public void migrationEnd(ReportOverview.Migration m) throws IOException {
        for (Finding f : m.findings) {
            out.append("  migration: ");
            writeFinding(f, "  ", out);
        }
        if (m.statements == 0 && m.findings.isEmpty()) {
            out.append("  (no statements)\n");
        }
        out.append('\n');
    }

    @Override
    public void end() throws IOException {
        out.append(overview.verdict().name()).append(" (PostgreSQL ").append(Integer.toString(overview.postgresVersion))
                .append("): ").append(ReportFacts.summary(overview)).append('\n');
    }

    private static void writeStatement(StatementAnalysis s, Appendable out) throws IOException {
        out.append("  #").append(Integer.toString(s.index())).append(" L").append(Integer.toString(s.line()))
                .append(':').append(Integer.toString(s.column())).append("  ")
                .append(String.format("%-6s", s.verdict().name())).append("  ").append(s.kind());
        if (!s.tables().isEmpty()) {
            out.append(' ').append(String.join(", ", s.tables()));
        }
        List<String> effects = new ArrayList<>();
        List<String> blocks = ReportFacts.blocks(s);
        if (!blocks.isEmpty()) {
            effects.add("blocks " + String.join(", ", blocks));
        }
        if (s.rewrite()) {
            effects.add("rewrite");
        }
        if (s.scan()) {
            effects.add("full scan");
        }
        if (s.breaksOldCode()) {
            effects.add("breaks old code");
        }
        if (!s.isSafe()) {
            effects.add("phase: " + s.phase().label());
        }
        if (s.lock().isPresent()) {
            out.append("  ").append(s.lock().get().pgName());
            if (s.locks().values().stream().distinct().count() > 1) {
                // different locks on different relations: name each (for example DETACH ... CONCURRENTLY)
                out.append(" [");
                String sep = "";
                for (java.util.Map.Entry<String, io.zdcd.classify.LockMode> e : s.locks().entrySet()) {
                    out.append(sep).append(e.getKey()).append(": ").append(e.getValue().pgName());
                    sep = ", ";
                }
                out.append(']');
            }
        }
        if (!effects.isEmpty()) {
            out.append(" (").append(String.join("; ", effects)).append(')');
        }
        out.append('\n');
        if (!s.isSafe()) {
            out.append("      ").append(ReportFacts.oneLine(s.sql(), SQL_WIDTH)).append('\n');
        }
        for (Finding f : s.findings()) {
            out.append("      ");
            writeFinding(f, "      ", out);
        }
    }

    private static void writeFinding(Finding f, String indent, Appendable out) throws IOException {
        out.append(f.verdict().name()).append(' ').append(f.ruleId()).append(": ").append(f.message()).append('\n');
        if (f.verdict() != io.zdcd.classify.Verdict.SAFE && !f.safeAlternative().isBlank()) {
            out.append(indent).append("  safe alternative:\n");
            for (String line : f.safeAlternative().strip().split("\\R")) {
                out.append(indent).append("    ").append(line).append('\n');
            }
        }
        if (f.verdict() != io.zdcd.classify.Verdict.SAFE && io.zdcd.analyzer.internal.Rules.byId(f.ruleId()) != null) {
            out.append(indent).append("  more: ").append(io.zdcd.analyzer.internal.Rules.docsUrl(f.ruleId()))
                    .append('\n');
        }
    }
}
