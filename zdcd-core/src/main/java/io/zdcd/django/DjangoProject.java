package io.zdcd.django;

import io.zdcd.jdbc.PostgresDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Django project on disk, the Python that runs it and the database it migrates.
 *
 * <p>The interpreter is {@link Builder#python} when set; otherwise the first of these that can
 * {@code import django}: {@code $ZDCD_PYTHON}, the project's {@code .venv/bin/python} or {@code venv/bin/python},
 * {@code python3} on the {@code PATH}, {@code /usr/bin/python3} (Debian's, where {@code python3-django} installs).
 * {@code manage.py} gets the database as {@code DATABASE_URL} (the variable name is configurable), so the project's
 * settings must read it (for example with dj-database-url).
 *
 * <pre>{@code
 * DjangoProject project = DjangoProject.builder(Path.of("/srv/shop")).database(PostgresDatabase.fromUrl(url)).build();
 * List<PendingMigration> pending = DjangoMigrationSource.of(project).pending(build);
 * }</pre>
 */
public final class DjangoProject {
    private static final Pattern MIGRATION_FILE = Pattern.compile("^(\\d{4}\\w*)\\.py$");
    private final Path directory;
    private final String manageScript;
    private final Optional<String> python;
    private final PostgresDatabase database;
    private final String databaseUrlVariable;
    private final Map<String, String> environment;
    private final Duration commandTimeout;
    private volatile String resolvedPython;

    private DjangoProject(Builder b) {
        this.directory = b.directory;
        this.manageScript = b.manageScript;
        this.python = Optional.ofNullable(b.python);
        this.database = b.database;
        this.databaseUrlVariable = b.databaseUrlVariable;
        this.environment = Map.copyOf(b.environment);
        this.commandTimeout = b.commandTimeout;
    }

    /**
     * A builder for the Django project in {@code directory} (the folder of {@code manage.py}).
     *
     * @param directory the project folder, the one holding {@code manage.py}; must not be null
     * @return a new builder with the defaults
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * The folder of {@code manage.py}.
     *
     * @return the project folder, as given to {@link #builder(Path)}
     */
    public Path directory() {
        return directory;
    }

    /**
     * The database the project's migrations run against.
     *
     * @return the database given to {@link Builder#database(PostgresDatabase)}
     */
    public PostgresDatabase database() {
        return database;
    }

    /**
     * The first interpreter of the default candidates (see the class comment) that can import Django, for the
     * project in {@code directory}; empty when none can.
     *
     * @param directory the project folder, from which {@code .venv} and {@code venv} are looked up
     * @return the interpreter's path or command name; empty when no candidate has Django
     */
    public static Optional<String> findPython(Path directory) {
        for (String candidate : candidates(directory)) {
            if (canImportDjango(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static List<String> candidates(Path directory) {
        List<String> out = new ArrayList<>();
        String env = System.getenv("ZDCD_PYTHON");
        if (env != null && !env.isBlank()) {
            out.add(env);
        }
        for (String venv : List.of(".venv/bin/python", "venv/bin/python")) {
            if (Files.isExecutable(directory.resolve(venv))) {
                out.add(directory.resolve(venv).toString());
            }
        }
        out.add("python3");
        out.add("/usr/bin/python3");
        return out;
    }

    private static boolean canImportDjango(String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", "import django").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The interpreter in use: the configured one, or the first candidate with Django.
     *
     * @return the interpreter's path or command name
     */
    public String python() {
        String p = resolvedPython;
        if (p == null) {
            p = python.orElseGet(() -> findPython(directory).orElseThrow(() -> new DjangoException(
                    "find a Python interpreter with Django", "none of " + candidates(directory) + " can import "
                    + "django. Install Django for one of them (Debian: apt-get install python3-django "
                    + "python3-psycopg2; or pip install django psycopg2-binary in the project's virtualenv), set "
                    + "ZDCD_PYTHON, or configure DjangoProject.builder(dir).python(path)")));
            resolvedPython = p;
        }
        return p;
    }

    /**
     * The SQL Django runs for one migration: the output of {@code manage.py sqlmigrate [--backwards] app migration}.
     *
     * @param app the app label, for example {@code shop}
     * @param migration the migration's name without {@code .py}, for example {@code 0007_book_isbn}
     * @param backwards whether to give the SQL that unapplies it
     * @return the SQL, as {@code sqlmigrate} printed it (possibly only comments for a migration with no SQL)
     * @throws DjangoException when {@code sqlmigrate} fails (for example an unknown app or migration), with its error
     */
    public String sqlmigrate(String app, String migration, boolean backwards) {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(migration, "migration");
        List<String> args = new ArrayList<>(List.of("sqlmigrate"));
        if (backwards) {
            args.add("--backwards");
        }
        args.addAll(List.of(app, migration));
        Result r = manage(Map.of(), args.toArray(String[]::new));
        if (!r.ok()) {
            throw new DjangoException("python manage.py " + String.join(" ", args), tail(r.output(), 3));
        }
        return r.output();
    }

    /**
     * The file of migration {@code app/migration}: {@code <app>/migrations/<migration>.py} below the project folder
     * (the app label is the app's folder name, as for {@link DjangoMigrationSource}); empty when there is none.
     *
     * @param app the app label, for example {@code shop}
     * @param migration the migration's name without {@code .py}, for example {@code 0007_book_isbn}
     * @return the path of the migration's file; empty when it does not exist
     */
    public Optional<Path> migrationFile(String app, String migration) {
        return Optional.ofNullable(migrationFiles().get(app + "/" + migration));
    }

    /** {@code app/name} of every migration file in the project, and its path. */
    Map<String, Path> migrationFiles() {
        Map<String, Path> out = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(directory, 4)) {
            walk.filter(p -> p.getParent() != null && p.getParent().getFileName() != null
                            && p.getParent().getFileName().toString().equals("migrations")
                            && MIGRATION_FILE.matcher(p.getFileName().toString()).matches())
                    .filter(p -> !p.toString().contains("site-packages") && !p.toString().contains("/.venv/")
                            && !p.toString().contains("/venv/"))
                    .forEach(p -> {
                        Matcher m = MIGRATION_FILE.matcher(p.getFileName().toString());
                        m.matches();
                        out.put(p.getParent().getParent().getFileName() + "/" + m.group(1), p);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Django project " + directory + ": "
                    + e.getMessage(), e);
        }
        return out;
    }

    /** The output of one {@code manage.py} run. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code python manage.py <args>} in the project directory with the database in the environment. */
    Result manage(Map<String, String> extraEnv, String... args) {
        String py = python();
        List<String> command = new ArrayList<>();
        command.add(py);
        command.add(manageScript);
        command.addAll(List.of(args));
        String what = "python manage.py " + String.join(" ", args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        pb.environment().putAll(environment);
        pb.environment().put(databaseUrlVariable, database.libpqUrlWithPassword());
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        pb.environment().put("PYTHONUNBUFFERED", "1");
        pb.environment().putAll(extraEnv);
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new DjangoException(what, "cannot run the Python interpreter '" + py + "': " + e.getMessage()
                    + ". Install Python 3 with Django or configure DjangoProject.builder(dir).python(path)", e);
        }
        try (InputStream in = process.getInputStream()) {
            java.util.concurrent.CompletableFuture<byte[]> out = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return in.readAllBytes();
                        } catch (IOException e) {
                            return new byte[0];
                        }
                    });
            if (!process.waitFor(commandTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new DjangoException(what, "did not finish within " + commandTimeout.toSeconds() + "s; killed");
            }
            String text = new String(out.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8);
            text = redact(text);
            if (process.exitValue() != 0 && text.contains("No module named 'django'")) {
                throw new DjangoException(what, "Django is not installed for " + py + " (No module named "
                        + "'django'). Install it (Debian: apt-get install python3-django python3-psycopg2) or point "
                        + "DjangoProject.builder(dir).python(...) at an interpreter that has it");
            }
            return new Result(process.exitValue(), text);
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new DjangoException(what, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new DjangoException(what, "interrupted", e);
        }
    }

    private String redact(String text) {
        return database == null ? PostgresDatabase.redact(text) : database.mask(text);
    }

    /**
     * The last lines of a command's output (Django's tracebacks end with the error), without Python 3.11's lines of
     * {@code ^^^} markers.
     */
    static String tail(String output, int lines) {
        List<String> all = output.lines().filter(l -> !l.isBlank() && !l.strip().matches("[\\^~]+")).toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    @Override
    public String toString() {
        return "DjangoProject[" + directory + ", " + database + python.map(p -> ", python " + p).orElse("") + "]";
    }

    /** Configures a {@link DjangoProject}; {@link #database} is required. */
    public static final class Builder {
        private final Path directory;
        private String manageScript = "manage.py";
        private String python;
        private PostgresDatabase database;
        private String databaseUrlVariable = "DATABASE_URL";
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration commandTimeout = Duration.ofMinutes(30);

        private Builder(Path directory) {
            Objects.requireNonNull(directory, "directory");
            this.directory = directory.toAbsolutePath();
        }

        /**
         * The Python interpreter to run. (default: the first candidate that has Django, see the class comment)
         *
         * @param interpreter the path or command name of a Python that can import Django, for example {@code
         *     /srv/shop/.venv/bin/python}; not blank
         * @return this builder
         */
        public Builder python(String interpreter) {
            Objects.requireNonNull(interpreter, "interpreter");
            if (interpreter.isBlank()) {
                throw new IllegalArgumentException("python is blank");
            }
            this.python = interpreter;
            return this;
        }

        /**
         * The script, relative to the project directory. (default: {@code manage.py})
         *
         * @param script the path of the manage script, relative to the project directory
         * @return this builder
         */
        public Builder manageScript(String script) {
            this.manageScript = Objects.requireNonNull(script, "script");
            return this;
        }

        /**
         * The database to migrate (required).
         *
         * @param database the database {@code manage.py} migrates; its URL is passed in the environment, never logged
         * @return this builder
         */
        public Builder database(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /**
         * The variable {@code manage.py} reads the database URL from. (default: {@code DATABASE_URL})
         *
         * @param name the environment variable's name, for example {@code DATABASE_URL}
         * @return this builder
         */
        public Builder databaseUrlVariable(String name) {
            this.databaseUrlVariable = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * An extra environment variable for {@code manage.py} (for example {@code DJANGO_SETTINGS_MODULE}).
         *
         * @param name the variable's name, for example {@code DJANGO_SETTINGS_MODULE}
         * @param value its value; set as given (a later call with the same name replaces it)
         * @return this builder
         */
        public Builder environment(String name, String value) {
            environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * How long one {@code manage.py} run may take before it is killed. (default: 30 min)
         *
         * @param timeout the longest one {@code manage.py} run may take; positive
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("commandTimeout must be > 0, was " + timeout);
            }
            this.commandTimeout = timeout;
            return this;
        }

        /**
         * @return the project, with these settings
         * @throws IllegalStateException when the database is missing
         * @throws IllegalArgumentException when the directory has no manage script
         */
        public DjangoProject build() {
            if (database == null) {
                throw new IllegalStateException("database == null");
            }
            if (!Files.isRegularFile(directory.resolve(manageScript))) {
                throw new IllegalArgumentException("no " + manageScript + " in " + directory
                        + ": not a Django project directory");
            }
            return new DjangoProject(this);
        }
    }
}
