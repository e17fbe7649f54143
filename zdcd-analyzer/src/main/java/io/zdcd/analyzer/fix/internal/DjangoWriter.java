package io.zdcd.analyzer.fix.internal;

import io.zdcd.analyzer.SqlScript;
import io.zdcd.analyzer.SqlStatement;
import io.zdcd.analyzer.fix.DjangoFile;
import io.zdcd.analyzer.fix.DjangoMigration;
import io.zdcd.analyzer.fix.FixFile;
import io.zdcd.analyzer.fix.FixResult;
import io.zdcd.analyzer.fix.StatementFix;
import io.zdcd.classify.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a SQL fix as Django migrations: the original file with its {@code operations = [...]} list (copied as
 * written) moved into {@code SeparateDatabaseAndState(state_operations=...)} and the expand files as
 * {@code database_operations} ({@code RunSQL}), plus a contract migration of {@code RunSQL}s depending on it.
 *
 * <p>Transactions: an atomic migration runs all its operations in one transaction; an {@code atomic = False} one
 * runs each {@code RunSQL} statement in autocommit. One expand file inside a transaction keeps the migration atomic;
 * otherwise the migration is {@code atomic = False} and a file of several statements is wrapped in explicit
 * {@code BEGIN} ... {@code COMMIT} statements, so each file keeps the transaction it was proven in.
 */
public final class DjangoWriter {
    private static final Pattern OPERATIONS = Pattern.compile("(?m)^([ \\t]+)operations\\s*=\\s*([\\[(])");
    private static final Pattern ATOMIC = Pattern.compile("(?m)^([ \\t]+)atomic\\s*=\\s*(True|False)\\b.*$");
    private static final Pattern CLASS = Pattern.compile("(?m)^class\\s+Migration\\s*\\(");
    private static final Pattern IMPORTS_MIGRATIONS = Pattern.compile(
            "(?m)^from\\s+django\\.db\\s+import\\s+[^\\n]*\\bmigrations\\b");
    private static final Pattern TRANSACTION = Pattern.compile("(?i)^(BEGIN|COMMIT|START\\s+TRANSACTION|END)\\b.*");
    private static final Pattern NUMBERED = Pattern.compile("(\\d+)(\\w*)");
    private static final String NOT_SQL = "CANNOT BE WRITTEN AS SQL";

    private DjangoWriter() {
    }

    /**
     * The contract migration's name for migration {@code name}: the next number, {@code 0004_order_status} ->
     * {@code 0005_order_status_contract} (Django finds a migration by a prefix of its name, so {@code name} must not
     * be a prefix of it); {@code contract_<name>} for a name without a number.
     */
    public static String contractName(String name) {
        Matcher m = NUMBERED.matcher(name);
        if (!m.matches()) {
            return "contract_" + name;
        }
        String next = new java.math.BigInteger(m.group(1)).add(java.math.BigInteger.ONE).toString();
        return "0".repeat(Math.max(0, m.group(1).length() - next.length())) + next + m.group(2) + "_contract";
    }

    /**
     * The files of the fix: none when it is incomplete (the database would then miss what Django's state says) or
     * fixes nothing.
     *
     * @throws IllegalArgumentException when the migration file has no {@code class Migration} with an
     *                                  {@code operations = [...]} list
     */
    public static List<DjangoFile> write(DjangoMigration m, FixResult fix) {
        if (!fix.isComplete() || fix.statements().stream().noneMatch(StatementFix::isFixed)) {
            return List.of();
        }
        String source = m.source();
        Matcher cls = CLASS.matcher(source);
        if (!cls.find()) {
            throw new IllegalArgumentException(m.app() + "/" + m.name() + ": no `class Migration(...)` in the file");
        }
        Matcher ops = OPERATIONS.matcher(source);
        if (!ops.find(cls.end())) {
            throw new IllegalArgumentException(m.app() + "/" + m.name() + ": no `operations = [...]` in its class "
                    + "Migration");
        }
        String indent = ops.group(1);
        int open = ops.end() - 1;
        int close = PythonText.closing(source, open);
        if (close < 0) {
            throw new IllegalArgumentException(m.app() + "/" + m.name() + ": the operations list is not closed");
        }
        String original = PythonText.reindent(source.substring(open, close + 1), indent + indent);
        // the class attribute: at the class body's indentation, outside the operations list (where a RunPython may
        // say atomic=...)
        Matcher atomicLine = ATOMIC.matcher(source);
        boolean hasAtomic = false;
        for (int from = cls.end(); !hasAtomic && atomicLine.find(from); from = atomicLine.end()) {
            hasAtomic = atomicLine.group(1).equals(indent) && (atomicLine.start() < open || atomicLine.start() > close);
        }
        boolean wasNonAtomic = hasAtomic && atomicLine.group(2).equals("False");

        List<FixFile> expand = fix.expandFiles();
        List<FixFile> contract = fix.contractFiles();
        boolean expandAtomic = !wasNonAtomic && (expand.size() < 2 && expand.stream()
                .noneMatch(FixFile::outsideTransaction));
        String i2 = indent + indent;
        String i3 = i2 + indent;
        String i4 = i3 + indent;
        StringBuilder o = new StringBuilder();
        o.append("operations = [\n");
        comment(o, i2, "zdcd fix: Django's state changes as the original operations say (state_operations); the "
                + "database gets zdcd's expand steps instead (database_operations), each judged SAFE by zdcd's "
                + "classifier." + (contract.isEmpty() ? "" : " The contract steps are in " + contractName(m.name())
                + ": apply it once the code released with this migration is live."));
        o.append(i2).append("migrations.SeparateDatabaseAndState(\n")
                .append(i3).append("state_operations=").append(original).append(",\n")
                .append(i3).append("database_operations=[\n");
        List<String> reverse = reverse(m);
        if (expand.isEmpty()) {
            o.append(i4).append("# the original does nothing to the database before its contract steps\n")
                    .append(i4).append("migrations.RunSQL(migrations.RunSQL.noop, reverse_sql=")
                    .append(reverseSql(reverse, expandAtomic, i4)).append("),\n");
        }
        for (int k = 0; k < expand.size(); k++) {
            runSql(o, expand.get(k), expandAtomic, k == 0 ? reverse : List.of(), i4, indent);
        }
        o.append(i3).append("],\n").append(i2).append("),\n").append(indent).append(']');

        StringBuilder text = new StringBuilder(source.substring(0, ops.start()));
        if (!hasAtomic && !expandAtomic) {
            text.append(indent).append(atomicLine(false, false)).append('\n');
        }
        int tail = text.length() + indent.length() + o.length();
        text.append(indent).append(o).append(source.substring(close + 1));
        if (hasAtomic) {
            int shift = atomicLine.start() < open ? 0 : tail - (close + 1);
            text.replace(atomicLine.start() + shift, atomicLine.end() + shift, indent + atomicLine(expandAtomic,
                    wasNonAtomic));
        }
        String expandText = header(m, "the expand migration: it replaces the original file (same name, same "
                + "dependencies).\n# The line numbers below are those of `manage.py sqlmigrate " + m.app() + " "
                + m.name() + "` on the original") + importMigrations(text.toString());
        List<DjangoFile> files = new ArrayList<>();
        files.add(new DjangoFile(m.name() + ".py", Phase.EXPAND, expandText, expandAtomic));
        if (!contract.isEmpty()) {
            boolean contractAtomic = contract.size() < 2 && contract.stream().noneMatch(FixFile::outsideTransaction);
            StringBuilder c = new StringBuilder(header(m, "the contract migration: apply it once the code released "
                    + "with " + m.name() + " is live everywhere\n# (its steps break only the code running before "
                    + "it). Django's state does not change here"));
            c.append("from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n");
            if (!contractAtomic) {
                c.append("    ").append(atomicLine(false, false)).append('\n');
            }
            c.append("    dependencies = [(").append(PythonText.string(m.app())).append(", ")
                    .append(PythonText.string(m.name())).append(")]\n    operations = [\n");
            for (FixFile f : contract) {
                runSql(c, f, contractAtomic, List.of(), "        ", "    ");
            }
            c.append("    ]\n");
            files.add(new DjangoFile(contractName(m.name()) + ".py", Phase.CONTRACT, c.toString(), contractAtomic));
        }
        return files;
    }

    private static String atomicLine(boolean atomic, boolean wasNonAtomic) {
        return atomic ? "atomic = True" : wasNonAtomic ? "atomic = False" : "atomic = False  # zdcd fix: each RunSQL "
                + "below commits on its own (BEGIN ... COMMIT around several statements)";
    }

    private static String header(DjangoMigration m, String what) {
        return "# zdcd fix of " + m.app() + "/" + m.name() + ": " + what + ".\n";
    }

    private static String importMigrations(String text) {
        return IMPORTS_MIGRATIONS.matcher(text).find() ? text : "from django.db import migrations\n" + text;
    }

    /** One file as one RunSQL: its comments as Python comments, its statements (in BEGIN ... COMMIT if needed). */
    private static void runSql(StringBuilder o, FixFile f, boolean atomicMigration, List<String> reverse,
                               String indent, String step) {
        String previous = null;
        for (String line : f.sql().lines().toList()) {
            if (line.startsWith("-- ") && !line.startsWith("-- zdcd fix of ") && !line.equals(previous)) {
                comment(o, indent, line.substring(3).replace("this file", "this step"));
                previous = line; // two statements of one line share their comment
            }
        }
        List<String> statements = SqlScript.split(f.sql()).stream().map(SqlStatement::text).toList();
        o.append(indent).append("migrations.RunSQL(\n").append(indent).append(step).append("sql=")
                .append(list(statements, !atomicMigration && !f.outsideTransaction(), indent + step)).append(",\n")
                .append(indent).append(step).append("reverse_sql=")
                .append(reverseSql(reverse, atomicMigration, indent + step)).append(",\n")
                .append(indent).append("),\n");
    }

    /** {@code text} as Python comment lines of at most 118 characters (where words allow). */
    private static void comment(StringBuilder o, String indent, String text) {
        int width = Math.max(40, 118 - indent.length() - 2);
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                o.append(indent).append("# ").append(line).append('\n');
                line.setLength(0);
            }
            line.append(line.length() > 0 ? " " : "").append(word);
        }
        o.append(indent).append("# ").append(line).append('\n');
    }

    /** The statements of the original's backwards SQL; null when unknown (the migration is then irreversible). */
    private static List<String> reverse(DjangoMigration m) {
        if (m.backwardsSql().isEmpty() || m.backwardsSql().get().contains(NOT_SQL)) {
            return null;
        }
        return SqlScript.split(m.backwardsSql().get()).stream().map(SqlStatement::text)
                .filter(s -> !TRANSACTION.matcher(s.strip()).matches()).toList();
    }

    /** A reverse_sql value: None for null (irreversible), noop for no statements. */
    private static String reverseSql(List<String> statements, boolean atomicMigration, String indent) {
        return statements == null ? "None" : statements.isEmpty() ? "migrations.RunSQL.noop"
                : list(statements, !atomicMigration, indent);
    }

    private static String list(List<String> statements, boolean ownTransaction, String indent) {
        List<String> all = new ArrayList<>();
        boolean wrap = ownTransaction && statements.size() > 1;
        if (wrap) {
            all.add("BEGIN");
        }
        all.addAll(statements);
        if (wrap) {
            all.add("COMMIT");
        }
        if (all.size() == 1 && !all.get(0).contains("\n")) {
            return "[" + PythonText.string(all.get(0)) + "]";
        }
        StringBuilder b = new StringBuilder("[\n");
        for (String s : all) {
            b.append(indent).append("    ").append(PythonText.string(s)).append(",\n");
        }
        return b.append(indent).append(']').toString();
    }
}
