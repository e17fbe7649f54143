package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -- zdcd:ignore <rule-id> <reason>} comments. One applies to the next statement when only comments and blank
 * lines stand between them (normally it is the line just before).
 */
public final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile("--\\s*zdcd:ignore\\b[ \\t]*([^\\s:]*):?[ \\t]*([^\\r\\n]*)");

    /** One comment: its line, the rule it names, its reason, what is wrong with it (null: valid), whether used. */
    public static final class Ignore {
        public final int line;
        public final String ruleId;
        public final String reason;
        public final String problem;
        int statementIndex = -1;
        public boolean used;

        Ignore(int line, String ruleId, String reason, String problem) {
            this.line = line;
            this.ruleId = ruleId;
            this.reason = reason;
            this.problem = problem;
        }
    }

    private Suppressions() {
    }

    static List<Ignore> find(String sql, List<SqlStatement> statements, java.util.Set<String> moreRuleIds) {
        if (!sql.contains("zdcd:ignore")) {
            return List.of();
        }
        int[] lineStarts = Gaps.lineStarts(sql);
        List<Ignore> result = new ArrayList<>();
        Gaps.walk(sql, statements, lineStarts, (from, to, nextIndex) -> {
            Matcher m = IGNORE.matcher(sql.substring(from, to));
            while (m.find()) {
                int line = Gaps.lineOf(lineStarts, from + m.start());
                String id = m.group(1);
                String reason = m.group(2).trim();
                String problem = null;
                if (id.isEmpty()) {
                    problem = "zdcd:ignore needs a rule id and a reason";
                } else if (Rules.byId(id) == null && !moreRuleIds.contains(id)) {
                    problem = "zdcd:ignore names an unknown rule '" + id + "'";
                } else if (reason.isEmpty()) {
                    problem = "zdcd:ignore " + id + " needs a reason";
                }
                Ignore ig = new Ignore(line, id, reason, problem);
                ig.statementIndex = nextIndex;
                result.add(ig);
            }
        });
        return result;
    }

    /** The valid ignore naming {@code ruleId} before the statement with 1-based {@code index} (-1: at the end). */
    public static Ignore matching(List<Ignore> ignores, int index, String ruleId) {
        for (Ignore ig : ignores) {
            if (ig.problem == null && ig.statementIndex == index && ig.ruleId.equals(ruleId)) {
                return ig;
            }
        }
        return null;
    }
}
