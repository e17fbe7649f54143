package io.zdcd.analyzer.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zdcd.classify.LockMode;
import io.zdcd.classify.StatementAnalysis;
import java.util.List;
import java.util.Optional;

/**
 * Renders comparisons of prediction and trace: {@link #text(List)} for people (predicted and observed side by side),
 * {@link #json(List)} for tools.
 */
public final class TraceReports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TraceReports() {
    }

    /**
     * One block per migration, one line per statement: lock, rewrite and error, predicted | observed.
     *
     * @param comparisons the comparisons to render, in order; not null
     * @return the table, with a line under each statement per mismatch and error, and a last line counting
     *         migrations, mismatches and UNSAFE statements; every line ends with a line break
     */
    public static String text(List<TraceComparison> comparisons) {
        StringBuilder sb = new StringBuilder();
        int mismatches = 0;
        int unsafe = 0;
        for (TraceComparison c : comparisons) {
            TraceReport t = c.trace();
            sb.append(t.migration()).append(" on PostgreSQL ").append(t.serverVersion()).append(" (")
                    .append(t.mode() == TraceReport.Mode.SCRATCH_COPY ? "scratch copy" : "in place").append(", ")
                    .append(t.rows()).append(" rows per touched table): ").append(c.classification().verdict())
                    .append(", ").append(c.mismatches().size()).append(" mismatch")
                    .append(c.mismatches().size() == 1 ? "" : "es").append('\n');
            sb.append(String.format("  %-4s %-5s %-44s %-45s %-19s %-26s %-7s %s%n", "#", "line", "statement",
                    "lock: predicted | observed", "rewrite: p | o", "error: p | o", "verdict", "check"));
            for (StatementComparison s : c.statements()) {
                StatementTrace o = s.observed();
                Optional<StatementAnalysis> p = s.predicted();
                String lock = p.map(a -> name(a.lock())).orElse("?") + " | " + observedLock(o);
                String rewrite = p.map(a -> a.rewrite() ? "yes" : "no").orElse("?") + " | "
                        + (o.execution() == StatementTrace.Execution.NOT_EXECUTED ? "-" : o.rewrite() ? "yes" : "no");
                String error = p.map(a -> a.isSafe() ? "none" : "may").orElse("?") + " | "
                        + (o.failed() ? "ERROR " + o.sqlState().orElse("") : "none");
                String verdict = p.map(a -> a.verdict().name()).orElse("?");
                String check = s.mismatches().isEmpty() ? "ok"
                        : s.matches() ? "allowed" : "MISMATCH";
                sb.append(String.format("  %-4d %-5d %-44s %-45s %-19s %-26s %-7s %s%n", o.index(), o.line(),
                        shorten(o.sql(), 44), lock, rewrite, error, verdict, check));
                for (Mismatch m : s.mismatches()) {
                    sb.append("         ").append(m.allowed() ? "allowed " : "MISMATCH ").append(m)
                            .append(p.map(a -> " [rules: " + a.findings().stream().map(f -> f.ruleId())
                                    .collect(java.util.stream.Collectors.joining(", ")) + "]").orElse(""))
                            .append('\n');
                }
                o.error().ifPresent(e -> sb.append("         error: ").append(e).append('\n'));
                o.notes().stream().filter(n -> n.startsWith("not traced"))
                        .forEach(n -> sb.append("         ").append(n).append('\n'));
                if (s.unsafe()) {
                    unsafe++;
                }
            }
            t.notes().forEach(n -> sb.append("  note: ").append(n).append('\n'));
            mismatches += c.mismatches().size();
        }
        sb.append(comparisons.size()).append(" migration").append(comparisons.size() == 1 ? "" : "s").append(", ")
                .append(mismatches).append(" mismatch").append(mismatches == 1 ? "" : "es").append(", ")
                .append(unsafe).append(" UNSAFE statement").append(unsafe == 1 ? "" : "s").append('\n');
        return sb.toString();
    }

    /**
     * The comparisons as a JSON document.
     *
     * @param comparisons the comparisons to render, in order; not null
     * @return an indented JSON object with {@code postgresVersion} and {@code serverVersion} (when there is a
     *         comparison), {@code migrations} (each with its statements, predicted and observed side by side),
     *         {@code mismatches} and {@code unsafeStatements}, ending with a line break
     */
    public static String json(List<TraceComparison> comparisons) {
        ObjectNode root = JSON.createObjectNode();
        if (!comparisons.isEmpty()) {
            root.put("postgresVersion", comparisons.get(0).trace().postgresVersion());
            root.put("serverVersion", comparisons.get(0).trace().serverVersion());
        }
        int mismatches = 0;
        int unsafe = 0;
        ArrayNode migrations = root.putArray("migrations");
        for (TraceComparison c : comparisons) {
            ObjectNode m = migrations.addObject();
            m.put("path", c.trace().migration());
            m.put("verdict", c.classification().verdict().name());
            m.put("mode", c.trace().mode().name());
            m.put("rows", c.trace().rows());
            m.put("matches", c.matches());
            ArrayNode statements = m.putArray("statements");
            for (StatementComparison s : c.statements()) {
                StatementTrace o = s.observed();
                ObjectNode n = statements.addObject();
                n.put("index", o.index());
                n.put("line", o.line());
                n.put("sql", o.sql());
                s.predicted().ifPresentOrElse(p -> {
                    ObjectNode pn = n.putObject("predicted");
                    pn.put("lock", p.lock().map(LockMode::pgName).orElse(null));
                    pn.put("rewrite", p.rewrite());
                    pn.put("scan", p.scan());
                    pn.put("verdict", p.verdict().name());
                    ArrayNode rules = pn.putArray("rules");
                    p.findings().forEach(f -> rules.add(f.ruleId()));
                }, () -> n.putNull("predicted"));
                ObjectNode on = n.putObject("observed");
                on.put("execution", o.execution().name());
                on.put("lock", o.lock().map(LockMode::pgName).orElse(null));
                ArrayNode locks = on.putArray("locks");
                o.locks().forEach(l -> locks.addObject().put("relation", l.relation()).put("kind", l.kind())
                        .put("mode", l.mode().pgName()).put("existedBefore", l.existedBefore()));
                on.put("rewrite", o.rewrite());
                o.rewritten().forEach(on.withArray("rewritten")::add);
                on.put("scan", o.scan());
                o.columnChanges().forEach(x -> on.withArray("columnChanges").add(x.toString()));
                o.constraintChanges().forEach(x -> on.withArray("constraintChanges").add(x.toString()));
                o.invalidIndexes().forEach(on.withArray("invalidIndexes")::add);
                on.put("lockTimeout", o.lockTimeout());
                on.put("statementTimeout", o.statementTimeout());
                on.put("sqlState", o.sqlState().orElse(null));
                on.put("error", o.error().orElse(null));
                o.notes().forEach(on.withArray("notes")::add);
                ArrayNode mm = n.putArray("mismatches");
                for (Mismatch x : s.mismatches()) {
                    ObjectNode xn = mm.addObject();
                    xn.put("aspect", x.aspect().name().toLowerCase(java.util.Locale.ROOT));
                    xn.put("relation", x.relation().orElse(null));
                    xn.put("predicted", x.predicted());
                    xn.put("observed", x.observed());
                    xn.put("allowedBecause", x.allowedBecause().orElse(null));
                }
                n.put("matches", s.matches());
                if (s.unsafe()) {
                    unsafe++;
                }
            }
            mismatches += c.mismatches().size();
        }
        root.put("mismatches", mismatches);
        root.put("unsafeStatements", unsafe);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render the trace as JSON", e);
        }
    }

    private static String observedLock(StatementTrace o) {
        if (o.execution() == StatementTrace.Execution.NOT_EXECUTED) {
            return "not run";
        }
        if (o.notes().stream().anyMatch(n -> n.startsWith("not traced"))) {
            return "not traced";
        }
        if (o.failed() && o.locks().isEmpty()) {
            return "unseen";
        }
        return name(o.lock());
    }

    private static String name(Optional<LockMode> mode) {
        return mode.map(LockMode::pgName).orElse("none");
    }

    private static String shorten(String sql, int width) {
        String s = sql.replaceAll("\\s+", " ").trim();
        return s.length() <= width ? s : s.substring(0, width - 3) + "...";
    }
}
