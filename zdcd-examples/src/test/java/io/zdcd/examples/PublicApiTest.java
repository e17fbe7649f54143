package io.zdcd.examples;

import static org.assertj.core.api.BDDAssertions.then;

import io.zdcd.classify.MigrationClassifier;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The library's rule "no third-party type in a public signature" (style.md B1), checked on the compiled classes of
 * zdcd-core, zdcd-analyzer and zdcd-heroku: every public member of every public class outside an {@code internal}
 * package may only mention JDK and zdcd types. The one allowed exception is passing your own OkHttpClient.
 */
class PublicApiTest {
    private static final Set<String> ALLOWED = Set.of("okhttp3.OkHttpClient");
    /** AssertJ assertions are AssertJ types by nature; that package is for users' test scope only. */
    private static final String ASSERTJ_PACKAGE = "io.zdcd.analyzer.assertj.";
    /** A Flyway callback is a Flyway type by nature; that package is for Flyway users only (optional dependency). */
    private static final String FLYWAY_CALLBACK_PACKAGE = "io.zdcd.analyzer.flyway.";
    private static final List<String> LIBRARY_MODULES = List.of("zdcd-core", "zdcd-analyzer", "zdcd-heroku");

    @Test
    void public_signatures_mention_only_jdk_and_zdcd_types() throws Exception {
        List<String> classes = libraryClasses();
        then(classes).as("classes of %s", LIBRARY_MODULES).contains("io.zdcd.classify.MigrationClassifier");

        Set<String> violations = new TreeSet<>();
        for (String name : classes) {
            if (name.contains(".internal.") || name.contains("$")) {
                continue;
            }
            Class<?> c = Class.forName(name, false, getClass().getClassLoader());
            checkClass(c, violations);
        }
        then(violations).as("third-party types in public signatures").isEmpty();
    }

    private static void checkClass(Class<?> c, Set<String> violations) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return;
        }
        check(c.getGenericSuperclass(), c.getName() + " extends", violations);
        for (Type t : c.getGenericInterfaces()) {
            check(t, c.getName() + " implements", violations);
        }
        for (Method m : c.getDeclaredMethods()) {
            if ((Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) && !m.isSynthetic()) {
                check(m.getGenericReturnType(), c.getName() + "." + m.getName() + " returns", violations);
                checkParameters(c, m, violations);
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (Modifier.isPublic(k.getModifiers()) || Modifier.isProtected(k.getModifiers())) {
                checkParameters(c, k, violations);
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                check(f.getGenericType(), c.getName() + "." + f.getName(), violations);
            }
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            checkClass(nested, violations);
        }
    }

    private static void checkParameters(Class<?> c, Executable e, Set<String> violations) {
        for (Type p : e.getGenericParameterTypes()) {
            check(p, c.getName() + "." + e.getName() + " takes", violations);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(x, c.getName() + "." + e.getName() + " throws", violations);
        }
    }

    private static void check(Type type, String where, Set<String> violations) {
        if (type == null) {
            return;
        }
        if (type instanceof Class<?> k) {
            while (k.isArray()) {
                k = k.getComponentType();
            }
            String n = k.getName();
            boolean assertj = where.startsWith(ASSERTJ_PACKAGE) && n.startsWith("org.assertj.");
            boolean flyway = where.startsWith(FLYWAY_CALLBACK_PACKAGE) && n.startsWith("org.flywaydb.");
            if (!assertj && !flyway && !k.isPrimitive() && !n.startsWith("java.") && !n.startsWith("javax.") && !n.startsWith("io.zdcd.")
                    && !ALLOWED.contains(n)) {
                violations.add(where + " " + n);
            }
            if (n.startsWith("io.zdcd.") && n.contains(".internal.")) {
                violations.add(where + " " + n + " (internal)");
            }
        } else if (type instanceof ParameterizedType p) {
            check(p.getRawType(), where, violations);
            for (Type a : p.getActualTypeArguments()) {
                check(a, where, violations);
            }
        } else if (type instanceof GenericArrayType g) {
            check(g.getGenericComponentType(), where, violations);
        } else if (type instanceof WildcardType w) {
            for (Type b : w.getUpperBounds()) {
                check(b, where, violations);
            }
            for (Type b : w.getLowerBounds()) {
                check(b, where, violations);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type b : v.getBounds()) {
                if (b != Object.class) {
                    check(b, where, violations);
                }
            }
        }
    }

    /** Names of the classes in the library modules' jars or class folders on the test class path. */
    private static List<String> libraryClasses() throws IOException, URISyntaxException {
        List<String> names = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            boolean library = LIBRARY_MODULES.stream().anyMatch(m -> entry.contains(m + "/target/classes")
                    || p.getFileName().toString().matches(m + "-[0-9].*(?<!tests)\\.jar"));
            if (!library) {
                continue;
            }
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    files.filter(f -> f.toString().endsWith(".class"))
                            .map(f -> p.relativize(f).toString().replace(java.io.File.separatorChar, '.'))
                            .map(s -> s.substring(0, s.length() - ".class".length()))
                            .filter(s -> !s.endsWith("package-info") && !s.endsWith("module-info"))
                            .forEach(names::add);
                }
            } else if (Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    jar.stream().map(e -> e.getName()).filter(s -> s.endsWith(".class"))
                            .filter(s -> !s.startsWith("META-INF"))
                            .map(s -> s.substring(0, s.length() - ".class".length()).replace('/', '.'))
                            .filter(s -> !s.endsWith("package-info") && !s.endsWith("module-info"))
                            .forEach(names::add);
                }
            }
        }
        then(MigrationClassifier.class).isNotNull();
        return names;
    }
}
