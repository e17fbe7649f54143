package io.zdcd.examples.cli;

import io.zdcd.analyzer.fix.FixFile;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code zdcd fix --flyway}: the files of a Flyway versioned migration named so that Flyway runs them in order
 * ({@code V5__idx.sql} -> {@code V5.001__idx_expand.sql}, {@code V5.002__idx_contract.sql}: versions 5.1, 5.2), and
 * the script configuration file Flyway reads next to a file that must run outside a transaction block
 * ({@code V5.001__idx_expand.sql.conf}: {@code executeInTransaction=false}; Flyway does not detect it by itself).
 */
final class FlywayFiles {
    /** A versioned migration: {@code V<version>__<description>.sql}. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__(.+)\\.sql");
    /** A fix file of one: {@code V<version>__<description>_NNN_<phase>.sql}. */
    private static final Pattern FIX_FILE = Pattern.compile("V([0-9][0-9._]*)__(.+)_([0-9]{3})_(expand|contract)\\.sql");
    /** The script configuration file's text. */
    static final String NO_TRANSACTION = "# written by zdcd fix: this file must run OUTSIDE a transaction block\n"
            + "executeInTransaction=false\n";

    private FlywayFiles() {
    }

    /** Why {@code migration} (a file name) cannot be written for Flyway, if it cannot. */
    static Optional<String> notVersioned(String migration) {
        return VERSIONED.matcher(migration).matches() ? Optional.empty()
                : Optional.of("--flyway: " + migration + " is not a Flyway versioned migration (V<version>__<name>.sql)");
    }

    /** The name Flyway runs {@code file} under, in apply order after the original's version. */
    static String name(FixFile file) {
        Matcher m = FIX_FILE.matcher(file.name());
        if (!m.matches()) {
            throw new IllegalArgumentException("not the fix file of a Flyway versioned migration: " + file.name());
        }
        return "V" + m.group(1) + "." + m.group(3) + "__" + m.group(2) + "_" + m.group(4) + ".sql";
    }

    /** The script configuration file {@code file} needs under its Flyway name, if any. */
    static Optional<String> configName(FixFile file) {
        return file.outsideTransaction() ? Optional.of(name(file) + ".conf") : Optional.empty();
    }
}
