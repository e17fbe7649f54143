package io.zdcd.analyzer.internal;

import io.zdcd.analyzer.SqlStatement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wrapper migration generators write to make one DDL statement idempotent:
 * {@code DO $$ BEGIN <one statement>; EXCEPTION WHEN duplicate_object THEN null; END $$;}. Such a block runs
 * exactly that statement (or nothing, when the object exists), so it is judged as that statement instead of as opaque
 * code.
 */
public final class DoWrapper {
    private static final Pattern BODY = Pattern.compile("^\\s*BEGIN\\s+(.+?)\\s*;?\\s*EXCEPTION\\s+WHEN\\s+"
            + "duplicate_\\w+(?:\\s+OR\\s+duplicate_\\w+)*\\s+THEN\\s+(?:NULL|RAISE\\s+NOTICE\\s+'[^']*')\\s*;"
            + "\\s*END\\s*;?\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern DOLLAR = Pattern.compile("^\\$([A-Za-z_0-9]*)\\$(.*)\\$\\1\\$$", Pattern.DOTALL);
    /** Statements whose effect does not depend on running in a function: DDL that creates or changes objects. */
    private static final Set<String> WRAPPABLE = Set.of("ALTER", "CREATE", "DROP", "COMMENT", "GRANT", "REVOKE");

    private DoWrapper() {
    }

    /** The one statement a {@code DO} block at token {@code i} wraps, or null when it is not that wrapper. */
    public static String inner(Tokens t, int i) {
        int k;
        if (t.is(i + 1, "LANGUAGE")) {
            k = i + 3;
            if (!t.is(i + 2, "plpgsql") || k + 1 != t.size()) {
                return null;
            }
        } else {
            k = i + 1;
            boolean languageAfter = t.is(k + 1, "LANGUAGE") && t.is(k + 2, "plpgsql") && k + 3 == t.size();
            if (k + 1 != t.size() && !languageAfter) {
                return null;
            }
        }
        if (t.type(k) != Tokens.STRING) {
            return null;
        }
        String literal = t.text(k);
        Matcher d = DOLLAR.matcher(literal);
        String body;
        if (d.matches()) {
            body = d.group(2);
        } else if (literal.length() >= 2 && literal.startsWith("'") && literal.endsWith("'")) {
            body = literal.substring(1, literal.length() - 1).replace("''", "'");
        } else {
            return null;
        }
        Matcher m = BODY.matcher(body);
        if (!m.matches()) {
            return null;
        }
        String inner = m.group(1);
        List<SqlStatement> statements = io.zdcd.analyzer.SqlScript.split(inner);
        if (statements.size() != 1 || statements.get(0).psqlMetaCommand() || statements.get(0).problem().isPresent()) {
            return null;
        }
        String text = statements.get(0).text();
        String first = text.strip().split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        if (!WRAPPABLE.contains(first) || text.toUpperCase(Locale.ROOT).contains("CONCURRENTLY")) {
            return null; // CONCURRENTLY cannot run inside a function: the block fails
        }
        return text;
    }

    /** Judges the wrapped statement as if it stood alone, cross-checked on its own text. */
    public static void judge(String inner, Judgement j) {
        SqlStatement st = new SqlStatement(1, 1, 1, inner);
        StatementRules.analyze(st, j);
        for (io.zdcd.analyzer.internal.rules.MigrationCheck c : io.zdcd.analyzer.internal.rules.RuleSet.MIGRATION) {
            c.crossCheck(st, j);
        }
        j.kind("DO (" + j.kind + ")");
    }
}
