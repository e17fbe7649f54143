package io.zdcd.analyzer.fix;

import io.zdcd.django.DjangoException;
import io.zdcd.django.DjangoProject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A Django migration to fix ({@link MigrationFixer#fixDjango}): its file's Python text and the SQL Django runs for
 * it ({@code manage.py sqlmigrate}), forwards and, when known, backwards.
 *
 * @param app          the app label, for example {@code orders}
 * @param name         the migration's name, for example {@code 0004_order_status}
 * @param source       the migration file's text; its {@code operations = [...]} list is copied, as written, into
 *                     the fix's {@code state_operations}, and everything else in it is kept
 * @param sql          the output of {@code manage.py sqlmigrate app name}
 * @param backwardsSql the output of {@code manage.py sqlmigrate --backwards app name}: the fixed migration's reverse;
 *                     empty makes the fixed migration irreversible
 */
public record DjangoMigration(String app, String name, String source, String sql, Optional<String> backwardsSql) {
    /**
     * A Django migration to fix; no component may be null. IAE unless {@code app} and {@code name} are Python
     * identifiers (letters, digits, underscores).
     *
     * @param app          the app label, for example {@code orders}
     * @param name         the migration's name without {@code .py}, for example {@code 0004_order_status}
     * @param source       the migration file's Python text
     * @param sql          the output of {@code manage.py sqlmigrate app name}
     * @param backwardsSql the output of {@code manage.py sqlmigrate --backwards app name}; empty when the migration
     *                     is irreversible
     */
    public DjangoMigration {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(backwardsSql, "backwardsSql");
        if (!app.matches("\\w+") || !name.matches("\\w+")) {
            throw new IllegalArgumentException("app and migration names are Python identifiers, was " + app + "/"
                    + name);
        }
    }

    /**
     * Reads migration {@code app/name} of {@code project}: its file ({@link DjangoProject#migrationFile}) and
     * {@code sqlmigrate} both ways (which connect to the project's database, as Django does; no backwards SQL when
     * Django says the migration is irreversible).
     *
     * @param project the Django project, whose {@code manage.py} is run
     * @param app     the app label, for example {@code orders}
     * @param name    the migration's name without {@code .py}, for example {@code 0004_order_status}
     * @return the migration with its source and its forwards SQL, and its backwards SQL unless Django says it is
     *         irreversible
     * @throws IllegalArgumentException when the project has no such migration file
     * @throws DjangoException          when {@code manage.py sqlmigrate} fails
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static DjangoMigration read(DjangoProject project, String app, String name) {
        Path file = project.migrationFile(app, name).orElseThrow(() -> new IllegalArgumentException(
                "no migration " + app + "/" + name + " in " + project.directory() + " (looked for " + app
                        + "/migrations/" + name + ".py)"));
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String sql = project.sqlmigrate(app, name, false);
        Optional<String> backwards;
        try {
            backwards = Optional.of(project.sqlmigrate(app, name, true));
        } catch (DjangoException e) {
            if (!String.valueOf(e.getMessage()).contains("IrreversibleError")) {
                throw e;
            }
            backwards = Optional.empty(); // the original is irreversible: so is its fix
        }
        return new DjangoMigration(app, name, source, sql, backwards);
    }

    @Override
    public String toString() {
        return "DjangoMigration[" + app + "/" + name + "]";
    }
}
