package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import java.util.List;

/**
 * The text between statements (comments and blank lines): where {@code -- zdcd:ignore} comments and the markers Django's
 * {@code sqlmigrate} prints for operations it cannot write as SQL stand.
 */
final class Gaps {
    /** Sees one gap: {@code sql[from, to)}, followed by the statement with 1-based {@code nextIndex}, or -1 at the end. */
    interface Visitor {
        void gap(int from, int to, int nextIndex);
    }

    private Gaps() {
    }

    /** Calls {@code visitor} for the gap before each statement and for the one after the last. */
    static void walk(String sql, List<SqlStatement> statements, int[] lineStarts, Visitor visitor) {
        int prevEnd = 0;
        for (int k = 0; k <= statements.size(); k++) {
            int start = k < statements.size() ? offset(lineStarts, statements.get(k)) : sql.length();
            if (start < prevEnd) {
                continue;
            }
            visitor.gap(prevEnd, start, k < statements.size() ? statements.get(k).index() : -1);
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
        }
    }

    static int[] lineStarts(String sql) {
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

    static int lineOf(int[] lineStarts, int offset) {
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
