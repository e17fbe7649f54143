package io.zdcd.analyzer.report.internal;

import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * GitHub-flavoured Markdown for a pull-request comment: a heading with the verdict, a table of migrations, a table of
 * the unsafe statements, and a collapsible block per unsafe statement with its SQL (the only code fence), findings and
 * safe alternatives (prose), each rule id linked to its page under {@code docs/rules/}.
 * Long reports are cut (with a note saying how much was left out) so the comment stays under GitHub's 65,536
 * characters.
 */
public final class MarkdownReport implements ReportStream {

    static final int MAX_ROWS = 100;
    static final int MAX_DETAILS = 40;
    static final int MAX_SQL = 1500;
    private static final Pattern BACKTICKS = Pattern.compile("`+");
    /** Text that is SQL only (a statement keyword first, a semicolon last) goes in a fence; prose never does. */
    private static final Pattern SQL = Pattern.compile("(?s)(CREATE|ALTER|DROP|UPDATE|DELETE|INSERT|SET|SELECT|BEGIN|"
            + "COMMIT|REINDEX|VACUUM|LOCK|COMMENT|GRANT|REVOKE|WITH|TRUNCATE|ANALYZE)\\b.*;");

    private final Appendable out;

    MarkdownReport(Appendable out) {
        this.out = out;
    }

    public static void write(ClassificationReport report, Appendable out) throws IOException {
        ReportStream.write(report, new MarkdownReport(out));
    }

    /** The whole comment comes from the overview: it shows only the first unsafe statements. */
    @Override
    public void start(ReportOverview o) throws IOException {
        boolean safe = o.verdict() == Verdict.SAFE;
        out.append("## zdcd check: ").append(safe ? "✅ SAFE" : "❌ UNSAFE").append("\n\n");
        out.append(ReportFacts.summary(o)).append(" on PostgreSQL ")
                .append(Integer.toString(o.postgresVersion)).append(".\n\n");
        writeMigrationTable(o, out);
        if (!safe) {
            writeUnsafeTable(o, out);
            writeDetails(o, out);
        }
    }

    @Override
    public void migrationStart(ReportOverview.Migration migration) {
        // written by start()
    }

    @Override
    public void statement(StatementAnalysis statement) {
        // written by start()
    }

    @Override
    public void migrationEnd(ReportOverview.Migration migration) {
        // written by start()
    }

    @Override
    public void end() {
        // written by start()
    }

    private static void writeMigrationTable(ReportOverview o, Appendable out) throws IOException {
        out.append("| Migration | Verdict | Statements | Unsafe | Rules |\n|---|---|---:|---:|---|\n");
        int rows = 0;
        for (ReportOverview.Migration m : o.migrations()) {
            if (rows++ == MAX_ROWS) {
                out.append("| ... ").append(Integer.toString(o.migrationCount() - MAX_ROWS))
                        .append(" more | | | | |\n");
                break;
            }
            out.append("| ").append(code(m.name)).append(" | ").append(verdict(m.verdict)).append(" | ")
                    .append(Integer.toString(m.statements)).append(" | ")
                    .append(Integer.toString(m.unsafeStatements)).append(" | ")
                    .append(m.unsafeRules.stream().map(MarkdownReport::rule).collect(Collectors.joining(" ")))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void writeUnsafeTable(ReportOverview o, Appendable out) throws IOException {
        out.append("### Unsafe statements\n\n");
        out.append("| Migration | Line | Statement | Lock | Blocks | Phase | Rules |\n|---|---:|---|---|---|---|---|\n");
        int rows = 0;
        long total = o.unsafeStatementCount();
        for (ReportOverview.Migration m : o.migrations()) {
            for (StatementAnalysis s : m.unsafeKept) {
                if (rows++ == MAX_ROWS) {
                    out.append("| ... ").append(Long.toString(total - MAX_ROWS)).append(" more | | | | | | |\n\n");
                    return;
                }
                out.append("| ").append(code(m.name)).append(" | ").append(Integer.toString(s.line()))
                        .append(" | ").append(code(ReportFacts.oneLine(s.sql(), 80))).append(" | ")
                        .append(s.lock().map(l -> l.pgName()).orElse("")).append(" | ")
                        .append(String.join(", ", ReportFacts.blocks(s))).append(" | ")
                        .append(s.phase().label()).append(" | ")
                        .append(unsafeRules(s.findings())).append(" |\n");
            }
            if (!m.findings.isEmpty() && m.findings.stream().anyMatch(f -> f.verdict() != Verdict.SAFE)) {
                out.append("| ").append(code(m.name)).append(" | | *(migration)* | | | | ")
                        .append(unsafeRules(m.findings)).append(" |\n");
            }
        }
        out.append('\n');
    }

    private static void writeDetails(ReportOverview o, Appendable out) throws IOException {
        out.append("### Details\n\n");
        int shown = 0;
        long total = o.unsafeStatementCount();
        for (ReportOverview.Migration m : o.migrations()) {
            for (StatementAnalysis s : m.unsafeKept) {
                if (shown++ == MAX_DETAILS) {
                    out.append("*").append(Long.toString(total - MAX_DETAILS))
                            .append(" more unsafe statements: run `zdcd check` locally for the full report.*\n");
                    return;
                }
                out.append("<details><summary>").append(html(m.name)).append(" line ")
                        .append(Integer.toString(s.line())).append(": ").append(html(s.kind()))
                        .append(s.tables().isEmpty() ? "" : " " + html(String.join(", ", s.tables())))
                        .append("</summary>\n\n");
                String sql = s.sql().strip();
                if (sql.length() > MAX_SQL) {
                    sql = sql.substring(0, MAX_SQL) + "\n-- ... (" + (s.sql().length() - MAX_SQL) + " more characters)";
                }
                fenced(sql, "", out);
                writeFindings(s.findings(), out);
                out.append("</details>\n\n");
            }
            if (m.findings.stream().anyMatch(f -> f.verdict() != Verdict.SAFE)) {
                out.append("<details><summary>").append(html(m.name)).append(": migration</summary>\n\n");
                writeFindings(m.findings, out);
                out.append("</details>\n\n");
            }
        }
    }

    private static void writeFindings(List<Finding> findings, Appendable out) throws IOException {
        for (Finding f : findings) {
            out.append("- **").append(f.verdict().name()).append("** ").append(rule(f.ruleId())).append(": ")
                    .append(html(f.message().strip())).append('\n');
            String alternative = f.safeAlternative().strip();
            if (f.verdict() != Verdict.SAFE && !alternative.isBlank()) {
                if (SQL.matcher(alternative).matches()) {
                    out.append("\n  Safe alternative:\n\n");
                    fenced(alternative, "  ", out);
                } else {
                    out.append("\n  Safe alternative: ").append(html(alternative)).append("\n\n");
                }
            }
        }
        out.append('\n');
    }

    private static void fenced(String text, String indent, Appendable out) throws IOException {
        String fence = "`".repeat(Math.max(3, longestBacktickRun(text) + 1));
        out.append(indent).append(fence).append("sql\n");
        for (String line : text.split("\\R", -1)) {
            out.append(indent).append(line).append('\n');
        }
        out.append(indent).append(fence).append("\n\n");
    }

    private static int longestBacktickRun(String text) {
        int longest = 0;
        Matcher m = BACKTICKS.matcher(text);
        while (m.find()) {
            longest = Math.max(longest, m.group().length());
        }
        return longest;
    }

    private static String unsafeRules(List<Finding> findings) {
        return findings.stream().filter(f -> f.verdict() != Verdict.SAFE).map(f -> rule(f.ruleId())).distinct()
                .collect(Collectors.joining(" "));
    }

    /** The rule id as code, linked to its page when it is a catalogue rule. */
    static String rule(String id) {
        return Rules.byId(id) == null ? code(id) : "<a href=\"" + Rules.docsUrl(id) + "\">" + code(id) + "</a>";
    }

    private static String verdict(Verdict v) {
        return v == Verdict.SAFE ? "✅ SAFE" : "❌ UNSAFE";
    }

    /** Inline code that is safe inside a table cell: HTML {@code <code>}, escaped, pipes escaped. */
    static String code(String text) {
        return "<code>" + html(text).replace("|", "&#124;") + "</code>";
    }

    static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "&#124;")
                .replace("\n", " ").replace("\r", " ");
    }
}
