package io.zdcd.django;

import io.zdcd.spi.Build;
import io.zdcd.spi.MigrationSource;
import io.zdcd.spi.PendingMigration;
import io.zdcd.spi.PlatformException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pending migrations of a Django project: its migration files ({@code <app>/migrations/NNNN_name.py}, the app
 * label taken from the folder name) that the target database's {@code django_migrations} table does not list, in
 * the order of {@code manage.py showmigrations --plan}, each with the SQL of {@code manage.py sqlmigrate app name}.
 * Migration names read {@code app/NNNN_name}.
 */
public final class DjangoMigrationSource implements MigrationSource {
    private static final Pattern PLAN_LINE = Pattern.compile("^\\s*\\[[ X]]\\s+(\\w+)\\.(\\w+)");

    private final DjangoProject project;

    private DjangoMigrationSource(DjangoProject project) {
        this.project = Objects.requireNonNull(project, "project");
    }

    /**
     * The pending migrations of this project.
     *
     * @param project the Django project to read with {@code manage.py showmigrations}; must not be null
     * @return a source of the project's unapplied migrations
     */
    public static DjangoMigrationSource of(DjangoProject project) {
        return new DjangoMigrationSource(project);
    }

    @Override
    public List<PendingMigration> pending(Build build) {
        Set<String> applied = applied();
        List<String> files = new ArrayList<>(migrationFiles());
        files.removeIf(applied::contains);
        if (files.isEmpty()) {
            return List.of();
        }
        Map<String, Integer> order = planOrder();
        files.sort(Comparator.comparing((String f) -> order.getOrDefault(f, Integer.MAX_VALUE))
                .thenComparing(Comparator.naturalOrder()));
        List<PendingMigration> out = new ArrayList<>();
        for (String migration : files) {
            String[] appAndName = migration.split("/", 2);
            out.add(new PendingMigration(migration, project.sqlmigrate(appAndName[0], appAndName[1], false)));
        }
        return out;
    }

    /** {@code app/name} of every migration file in the project. */
    List<String> migrationFiles() {
        return new ArrayList<>(project.migrationFiles().keySet());
    }

    /** {@code app/name} of every row of {@code django_migrations} (empty when the table does not exist yet). */
    Set<String> applied() {
        Set<String> out = new HashSet<>();
        try (Connection c = project.database().connect(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('django_migrations') IS NOT NULL")) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return out;
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT app, name FROM django_migrations")) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new PlatformException("read django_migrations from " + project.database(),
                    project.database().mask(e.getMessage()), e);
        }
        return out;
    }

    private Map<String, Integer> planOrder() {
        DjangoProject.Result r = project.manage(Map.of(), "showmigrations", "--plan");
        if (!r.ok()) {
            throw new DjangoException("python manage.py showmigrations --plan", DjangoProject.tail(r.output(), 3));
        }
        Map<String, Integer> order = new HashMap<>();
        for (String line : r.output().lines().toList()) {
            Matcher m = PLAN_LINE.matcher(line);
            if (m.find()) {
                order.putIfAbsent(m.group(1) + "/" + m.group(2), order.size());
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return "DjangoMigrationSource[" + project + "]";
    }
}
