package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The operations Django's {@code sqlmigrate} could not write as SQL ({@code RunPython}, custom operations): it prints
 * a marker comment where the operation runs. Django 3.2 to 4.0:
 * <pre>
 * --
 * -- MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL:
 * -- Raw Python operation
 * --
 * </pre>
 * Django 4.1 and later:
 * <pre>
 * --
 * -- Raw Python operation
 * --
 * -- THIS OPERATION CANNOT BE WRITTEN AS SQL
 * </pre>
 * Only comments between statements count (not a string or a routine body that happens to contain the words).
 */
public final class PythonOperations {
    /** One marker: its line, the operation as Django describes it, and the statement after it (-1: none). */
    public record Marker(int line, String description, int nextIndex) {
    }

    private static final Pattern OLD = Pattern.compile(
            "--[ \\t]*MIGRATION NOW PERFORMS OPERATION THAT CANNOT BE WRITTEN AS SQL:?[ \\t]*");
    private static final Pattern NEW = Pattern.compile("--[ \\t]*THIS OPERATION CANNOT BE WRITTEN AS SQL[ \\t]*");

    private PythonOperations() {
    }

    static List<Marker> find(String sql, List<SqlStatement> statements) {
        if (!sql.contains("CANNOT BE WRITTEN AS SQL")) {
            return List.of();
        }
        int[] lineStarts = Gaps.lineStarts(sql);
        List<Marker> result = new ArrayList<>();
        Gaps.walk(sql, statements, lineStarts, (from, to, nextIndex) -> {
            String gap = sql.substring(from, to);
            if (!gap.contains("CANNOT BE WRITTEN AS SQL")) {
                return;
            }
            String[] lines = gap.split("\n", -1);
            int offset = from;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                boolean old = OLD.matcher(line).matches();
                if (old || NEW.matcher(line).matches()) {
                    String description = old ? comment(lines, i + 1, 1) : comment(lines, i - 1, -1);
                    result.add(new Marker(Gaps.lineOf(lineStarts, offset), description, nextIndex));
                }
                offset += lines[i].length() + 1;
            }
        });
        return result;
    }

    /** The first comment line with text from {@code i} in direction {@code step}, without its {@code --}. */
    private static String comment(String[] lines, int i, int step) {
        for (int k = i; k >= 0 && k < lines.length; k += step) {
            String line = lines[k].strip();
            if (!line.startsWith("--")) {
                break;
            }
            String text = line.substring(2).strip();
            if (!text.isEmpty()) {
                return text.length() > 200 ? text.substring(0, 197) + "..." : text;
            }
        }
        return "an operation";
    }
}
