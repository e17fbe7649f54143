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
final class Suppressions {
    private static final Pattern IGNORE = Pattern.compile("--\\s*zdcd:ignore\\b[ \\t]*([^\\s]*)[ \\t]*([^\\r\\n]*)");

    static final class Ignore {
        final int line;
        final String ruleId;
        final String reason;
        final String problem;
        int statementIndex = -1;
        boolean used;

        Ignore(int line, String ruleId, String reason, String problem) {
            this.line = line;
            this.ruleId = ruleId;
            this.reason = reason;
            this.problem = problem;
        }
    }

    private Suppressions() {
    }

    static List<Ignore> find(String sql, List<SqlStatement> statements) {
        if (!sql.contains("zdcd:ignore")) {
            return List.of();
        }
        int[] lineStarts = lineStarts(sql);
        List<Ignore> result = new ArrayList<>();
        int prevEnd = 0;
        int s = 0;
        for (int k = 0; k <= statements.size(); k++) {
            int start = k < statements.size() ? offset(lineStarts, statements.get(k)) : sql.length();
            if (start < prevEnd) {
                continue;
            }
            String gap = sql.substring(prevEnd, start);
            Matcher m = IGNORE.matcher(gap);
            while (m.find()) {
                int line = lineOf(lineStarts, prevEnd + m.start());
                String id = m.group(1);
                String reason = m.group(2).trim();
                String problem = null;
                if (id.isEmpty()) {
                    problem = "zdcd:ignore needs a rule id and a reason";
                } else if (Rules.byId(id) == null) {
                    problem = "zdcd:ignore names an unknown rule '" + id + "'";
                } else if (reason.isEmpty()) {
                    problem = "zdcd:ignore " + id + " needs a reason";
                }
                Ignore ig = new Ignore(line, id, reason, problem);
                if (k < statements.size()) {
                    ig.statementIndex = statements.get(k).index();
                }
                result.add(ig);
            }
            if (k < statements.size()) {
                SqlStatement st = statements.get(k);
                prevEnd = start + st.text().length();
                if (!st.copyData().isEmpty()) {
                    // COPY ... FROM stdin data is not SQL: a "-- zdcd:ignore" in a data row is a value, not a comment
                    int data = sql.indexOf(st.copyData(), prevEnd);
                    if (data >= 0) {
                        prevEnd = data + st.copyData().length();
                    }
                }
            }
            s++;
        }
        return result;
    }

    static Ignore matching(List<Ignore> ignores, SqlStatement st, String ruleId) {
        for (Ignore ig : ignores) {
            if (ig.problem == null && ig.statementIndex == st.index() && ig.ruleId.equals(ruleId)) {
                return ig;
            }
        }
        return null;
    }

    private static int[] lineStarts(String sql) {
        int count = 1;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int k = 1;
        for (int i = 0; i < sql.length(); i++) {
            if (sql.charAt(i) == '\n') {
                starts[k++] = i + 1;
            }
        }
        return starts;
    }

    private static int offset(int[] lineStarts, SqlStatement st) {
        int line = Math.min(Math.max(st.line(), 1), lineStarts.length);
        return lineStarts[line - 1] + st.column() - 1;
    }

    private static int lineOf(int[] lineStarts, int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }
}
