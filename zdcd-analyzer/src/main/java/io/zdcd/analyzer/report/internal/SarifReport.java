package io.zdcd.analyzer.report.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zdcd.analyzer.internal.Rule;
import io.zdcd.analyzer.internal.Rules;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for code scanning: one run whose driver lists every rule that produced a result, described from the
 * rule catalogue (what it catches, the lock, what deployed code sees, the safe way, and {@code helpUri}: the rule's
 * page under {@code docs/rules/}), and one result per UNSAFE finding, as {@code error}, located at the statement's
 * line and column in the migration file. SAFE findings are results ({@code note}) only in {@link
 * io.zdcd.analyzer.report.ReportFormat#SARIF_ALL}: in code scanning they are noise.
 */
public final class SarifReport implements ReportStream {

    public static final String SCHEMA =
            "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    public static final String INFORMATION_URI = "https://github.com/zdcd/zdcd#zdcd-check";


    private final JsonGenerator g;
    private final String toolVersion;
    private final boolean safeResults;
    private Map<String, RuleInfo> rules;
    private String uri;

    SarifReport(String toolVersion, boolean safeResults, Appendable out) throws IOException {
        this.toolVersion = toolVersion;
        this.safeResults = safeResults;
        this.g = ReportFacts.jsonGenerator(out);
    }

    /** SARIF of the report; SAFE findings become {@code note} results only when {@code safeResults}. */
    public static void write(ClassificationReport report, String toolVersion, boolean safeResults, Appendable out)
            throws IOException {
        write(report, toolVersion, safeResults, out, java.util.List.of());
    }

    /** As {@link #write(ClassificationReport, String, boolean, Appendable)}, describing the team's rules too. */
    public static void write(ClassificationReport report, String toolVersion, boolean safeResults, Appendable out,
                             java.util.List<io.zdcd.analyzer.rules.MigrationRule> teamRules) throws IOException {
        ReportStream.write(report, new SarifReport(toolVersion, safeResults, out), teamRules);
    }

    private ReportOverview overview;

    @Override
    public void start(ReportOverview o) throws IOException {
        this.overview = o;
        this.rules = new LinkedHashMap<>();
        o.rules.forEach((id, r) -> {
            if (safeResults || r.unsafe) {
                RuleInfo info = new RuleInfo(id, rules.size(), r.example);
                info.unsafe = r.unsafe;
                rules.put(id, info);
            }
        });
        g.writeStartObject();
        g.writeStringField("$schema", SCHEMA);
        g.writeStringField("version", "2.1.0");
        g.writeArrayFieldStart("runs");
        g.writeStartObject();
        writeTool(g, toolVersion, rules, o.teamRules);
        g.writeArrayFieldStart("results");
    }

    @Override
    public void migrationStart(ReportOverview.Migration m) {
        uri = toUri(m.name);
    }

    @Override
    public void statement(StatementAnalysis s) throws IOException {
        for (Finding f : s.findings()) {
            if (rules.containsKey(f.ruleId()) && (safeResults || f.verdict() != Verdict.SAFE)) {
                writeResult(g, f, rules, uri, s.line(), s.column(), endLine(s), s.phase().label());
            }
        }
    }

    @Override
    public void migrationEnd(ReportOverview.Migration m) throws IOException {
        for (Finding f : m.findings) {
            if (rules.containsKey(f.ruleId()) && (safeResults || f.verdict() != Verdict.SAFE)) {
                writeResult(g, f, rules, uri, 1, 1, 1, null);
            }
        }
    }

    @Override
    public void end() throws IOException {
        g.writeEndArray();
        g.writeStringField("columnKind", "utf16CodeUnits");
        g.writeObjectFieldStart("properties");
        g.writeNumberField("postgresVersion", overview.postgresVersion);
        g.writeStringField("verdict", overview.verdict().name());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
        g.flush();
        g.close();
    }

    private static void writeTool(JsonGenerator g, String toolVersion, Map<String, RuleInfo> rules,
                                  Map<String, io.zdcd.analyzer.rules.MigrationRule> teamRules) throws IOException {
        g.writeObjectFieldStart("tool");
        g.writeObjectFieldStart("driver");
        g.writeStringField("name", "zdcd");
        g.writeStringField("version", toolVersion);
        g.writeStringField("informationUri", INFORMATION_URI);
        g.writeArrayFieldStart("rules");
        for (RuleInfo r : rules.values()) {
            Rule rule = Rules.byId(r.id);
            io.zdcd.analyzer.rules.MigrationRule team = rule == null ? teamRules.get(r.id) : null;
            if (team != null) {
                writeTeamRule(g, team, r);
                continue;
            }
            g.writeStartObject();
            g.writeStringField("id", r.id);
            g.writeStringField("name", r.id);
            g.writeObjectFieldStart("shortDescription");
            g.writeStringField("text", rule != null ? rule.operation() : firstSentence(r.example.message()));
            g.writeEndObject();
            g.writeObjectFieldStart("fullDescription");
            g.writeStringField("text", rule != null ? fullDescription(rule) : r.example.message());
            g.writeEndObject();
            if (rule != null) {
                g.writeStringField("helpUri", Rules.docsUrl(r.id));
            }
            g.writeObjectFieldStart("help");
            g.writeStringField("text", rule != null ? helpText(rule) : helpText(r.example));
            g.writeStringField("markdown", rule != null ? helpMarkdown(rule) : helpText(r.example));
            g.writeEndObject();
            g.writeObjectFieldStart("defaultConfiguration");
            g.writeStringField("level", (rule != null ? rule.verdict() != Verdict.SAFE : r.unsafe) ? "error" : "note");
            g.writeEndObject();
            g.writeObjectFieldStart("properties");
            g.writeArrayFieldStart("tags");
            g.writeString("postgresql");
            g.writeString("migration");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A team's rule, described from its metadata ({@code MigrationRule}: title, lock, breaks, versions...). */
    private static void writeTeamRule(JsonGenerator g, io.zdcd.analyzer.rules.MigrationRule team, RuleInfo r)
            throws IOException {
        String title = meta(team::title);
        String full = teamDescription(team);
        String alternative = meta(team::safeAlternative);
        g.writeStartObject();
        g.writeStringField("id", r.id);
        g.writeStringField("name", r.id);
        g.writeObjectFieldStart("shortDescription");
        g.writeStringField("text", title.isEmpty() ? r.id : title);
        g.writeEndObject();
        g.writeObjectFieldStart("fullDescription");
        g.writeStringField("text", full);
        g.writeEndObject();
        g.writeObjectFieldStart("help");
        g.writeStringField("text", alternative.isEmpty() ? full : full + "\n\nSafe alternative: " + alternative);
        g.writeStringField("markdown", "**" + (title.isEmpty() ? r.id : title)
                + "**\n\n| Lock | Deployed code | PostgreSQL versions |\n|---|---|---|\n| "
                + cell(orDash(meta(team::lock))) + " | " + cell(orDash(meta(team::breaks))) + " | "
                + cell(orDash(meta(team::versions))) + " |"
                + (alternative.isEmpty() ? "" : "\n\n**Safe alternative:** " + alternative));
        g.writeEndObject();
        g.writeObjectFieldStart("defaultConfiguration");
        g.writeStringField("level", r.unsafe ? "error" : "note");
        g.writeEndObject();
        g.writeObjectFieldStart("properties");
        g.writeArrayFieldStart("tags");
        g.writeString("postgresql");
        g.writeString("migration");
        g.writeString("team-rule");
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** "title. Lock: .... Deployed code: .... PostgreSQL versions: ...." with the parts the rule says. */
    static String teamDescription(io.zdcd.analyzer.rules.MigrationRule team) {
        String title = meta(team::title);
        StringBuilder sb = new StringBuilder(title.isEmpty() ? meta(team::id) : title);
        String lock = meta(team::lock);
        String breaks = meta(team::breaks);
        if (!lock.isEmpty()) {
            sb.append(". Lock: ").append(lock);
        }
        if (!breaks.isEmpty()) {
            sb.append(". Deployed code: ").append(breaks);
        }
        return sb.append(". PostgreSQL versions: ").append(orDash(meta(team::versions))).append('.').toString();
    }

    /** A team rule's metadata, stripped; "" when it is null or the rule fails to give it (a report never fails). */
    private static String meta(java.util.function.Supplier<String> part) {
        try {
            String text = part.get();
            return text == null ? "" : text.strip();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }

    private static void writeResult(JsonGenerator g, Finding f, Map<String, RuleInfo> rules, String uri, int line,
                                    int column, int endLine, String phase) throws IOException {
        g.writeStartObject();
        g.writeStringField("ruleId", f.ruleId());
        g.writeNumberField("ruleIndex", rules.get(f.ruleId()).index);
        g.writeStringField("level", level(f));
        g.writeObjectFieldStart("message");
        g.writeStringField("text", f.safeAlternative().isBlank() || f.verdict() == Verdict.SAFE ? f.message()
                : f.message() + "\nSafe alternative:\n" + f.safeAlternative().strip());
        g.writeEndObject();
        g.writeArrayFieldStart("locations");
        g.writeStartObject();
        g.writeObjectFieldStart("physicalLocation");
        g.writeObjectFieldStart("artifactLocation");
        g.writeStringField("uri", uri);
        g.writeEndObject();
        g.writeObjectFieldStart("region");
        g.writeNumberField("startLine", Math.max(1, line));
        g.writeNumberField("startColumn", Math.max(1, column));
        g.writeNumberField("endLine", Math.max(Math.max(1, line), endLine));
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        if (phase != null) {
            g.writeObjectFieldStart("properties");
            g.writeStringField("phase", phase);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static String level(Finding f) {
        return f.verdict() == Verdict.SAFE ? "note" : "error";
    }

    private static int endLine(StatementAnalysis s) {
        int lines = 0;
        String sql = s.sql().stripTrailing();
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                lines++;
            }
        }
        return s.line() + lines;
    }

    private static String helpText(Finding f) {
        return f.safeAlternative().isBlank() ? f.message()
                : f.message() + "\n\nSafe alternative: " + f.safeAlternative().strip();
    }

    /** What the catalogue says of the rule: the operation, its lock, its rewrite or scan, what deployed code sees. */
    private static String fullDescription(Rule r) {
        return r.operation() + ". Lock: " + r.lock() + ". Rewrite or scan: " + r.rewriteScan()
                + ". Deployed code: " + r.oldCode() + ". PostgreSQL versions: " + r.versions() + ".";
    }

    private static String helpText(Rule r) {
        return fullDescription(r) + (r.alternative().isBlank() ? "" : "\n\nSafe alternative: " + r.alternative())
                + "\n\nMore: " + Rules.docsUrl(r.id());
    }

    private static String helpMarkdown(Rule r) {
        return "**" + r.operation() + "**\n\n| Lock | Rewrite or scan | Deployed code | PostgreSQL versions |\n"
                + "|---|---|---|---|\n| " + cell(r.lock()) + " | " + cell(r.rewriteScan()) + " | " + cell(r.oldCode())
                + " | " + cell(r.versions()) + " |\n\n"
                + (r.alternative().isBlank() ? "" : "**Safe alternative:** " + r.alternative() + "\n\n")
                + "[The rule's page](" + Rules.docsUrl(r.id()) + ")";
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    static String firstSentence(String message) {
        String m = message.strip();
        int end = m.indexOf(". ");
        int nl = m.indexOf('\n');
        if (nl >= 0 && (end < 0 || nl < end)) {
            end = nl - 1;
        }
        return end < 0 ? m : m.substring(0, end + 1).strip();
    }

    /**
     * A URI reference for the migration's path: relative paths stay relative (with {@code /} separators and
     * percent-encoding), absolute ones become {@code file:} URIs, names such as {@code <stdin>} are encoded.
     */
    static String toUri(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("/")) {
            try {
                return Path.of(path).toUri().toString();
            } catch (RuntimeException e) {
                // fall through to a relative encoding
            }
        }
        if (p.indexOf(':') >= 0 && (p.indexOf('/') < 0 || p.indexOf(':') < p.indexOf('/'))) {
            p = "./" + p; // keep "c:..." or "a:b.sql" from reading as a scheme
        }
        try {
            String raw = new URI(null, null, p, null).getRawPath();
            return raw == null ? p.replaceAll("[^A-Za-z0-9._~/-]", "_") : raw;
        } catch (URISyntaxException e) {
            return p.replaceAll("[^A-Za-z0-9._~/-]", "_");
        }
    }

    private static final class RuleInfo {
        final String id;
        final int index;
        Finding example;
        boolean unsafe;

        RuleInfo(String id, int index, Finding example) {
            this.id = id;
            this.index = index;
            this.example = example;
            this.unsafe = example.verdict() != Verdict.SAFE;
        }
    }
}
