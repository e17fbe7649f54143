package io.zdcd.analyzer.report.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.zdcd.classify.ClassificationReport;
import io.zdcd.classify.Finding;
import io.zdcd.classify.StatementAnalysis;
import io.zdcd.classify.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * GitLab's Code Quality report ({@code artifacts:reports:codequality}, documented at
 * https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): a JSON array with one object per
 * UNSAFE finding.
 *
 * <pre>
 * [ { "description": "rule-id: message. Safe way: ...", "check_name": "rule-id",
 *     "fingerprint": "sha-256 hex", "severity": "major",
 *     "location": { "path": "db/migrate/0003.sql", "lines": { "begin": 3 } } } ]
 * </pre>
 * {@code severity} is {@code major} for every UNSAFE finding (GitLab's scale is info, minor, major, critical, blocker;
 * major is the level linters give an error, and zdcd has one blocking level). {@code fingerprint} is the SHA-256 of
 * the path, the rule, the statement's text (whitespace collapsed) and its occurrence number among identical
 * statements of that file, so it survives lines moving above it and differs between two findings of one file.
 * SAFE findings are left out: in the merge-request widget they are noise.
 */
public final class GitlabReport implements ReportStream {

    /** The severity of an UNSAFE finding in GitLab's scale. */
    static final String SEVERITY = "major";


    private final JsonGenerator g;
    private String path;
    private final Map<String, Integer> seen = new HashMap<>();

    GitlabReport(Appendable out) throws IOException {
        this.g = ReportFacts.jsonGenerator(out);
    }

    public static void write(ClassificationReport report, Appendable out) throws IOException {
        ReportStream.write(report, new GitlabReport(out));
    }

    @Override
    public void start(ReportOverview overview) throws IOException {
        g.writeStartArray();
    }

    @Override
    public void migrationStart(ReportOverview.Migration m) {
        path = path(m.name);
        seen.clear();
    }

    @Override
    public void statement(StatementAnalysis s) throws IOException {
        for (Finding f : s.findings()) {
            if (f.verdict() == Verdict.UNSAFE) {
                writeIssue(f, s.sql(), s.line());
            }
        }
    }

    @Override
    public void migrationEnd(ReportOverview.Migration m) throws IOException {
        for (Finding f : m.findings) {
            if (f.verdict() == Verdict.UNSAFE) {
                writeIssue(f, "", 1);
            }
        }
    }

    @Override
    public void end() throws IOException {
        g.writeEndArray();
        g.writeRaw('\n');
        g.flush();
        g.close();
    }

    private void writeIssue(Finding f, String sql, int line) throws IOException {
        String text = sql.strip().replaceAll("\\s+", " ");
        String key = f.ruleId() + '\0' + text;
        int occurrence = seen.merge(key, 1, Integer::sum);
        g.writeStartObject();
        String message = f.message().strip();
        boolean ends = message.endsWith(".") || message.endsWith("!") || message.endsWith("?");
        g.writeStringField("description", f.ruleId() + ": " + message
                + (f.safeAlternative().isBlank() ? "" : (ends ? "" : ".") + " Safe way: " + f.safeAlternative()));
        g.writeStringField("check_name", f.ruleId());
        g.writeStringField("fingerprint", fingerprint(path, f.ruleId(), text, occurrence));
        g.writeStringField("severity", SEVERITY);
        g.writeObjectFieldStart("location");
        g.writeStringField("path", path);
        g.writeObjectFieldStart("lines");
        g.writeNumberField("begin", Math.max(1, line));
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The path as GitLab matches it against the repository: forward slashes, no leading {@code ./}. */
    static String path(String name) {
        String p = name.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        return p;
    }

    static String fingerprint(String path, String rule, String statementText, int occurrence) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String input = path + '\0' + rule + '\0' + statementText + '\0' + occurrence;
            return HexFormat.of().formatHex(sha.digest(input.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }
}
