package io.zdcd.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives each test class its own fresh database on a real PostgreSQL server.
 *
 * <p>The server is chosen once per JVM, lazily, and stopped when the test run ends:
 * <ol>
 *   <li>{@code ZDCD_TEST_DATABASE_URL} (environment) or {@code -Dzdcd.test.database.url}: a JDBC URL of a server
 *       where the user may create databases;</li>
 *   <li>{@code -Dzdcd.test.postgres=container}: Testcontainers' PostgreSQL module (needs Docker);</li>
 *   <li>otherwise an embedded PostgreSQL from Maven Central (io.zonky.test), major version
 *       {@code -Dzdcd.test.postgres.version} (default 17).</li>
 * </ol>
 * If no server can be had, every test that asks for one fails with a message that says why and what to set; no test
 * is ever skipped. Test methods, constructors and {@code @BeforeAll}/{@code @BeforeEach} methods receive the class's
 * {@link TestDatabase} as a parameter.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PostgresExtension.class);
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Override
    public void beforeAll(ExtensionContext context) {
        database(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return database(context);
    }

    private static TestDatabase database(ExtensionContext context) {
        ExtensionContext classContext = classContext(context);
        return classContext.getStore(NS).getOrComputeIfAbsent("database", k -> {
            SharedTestPostgres server = SharedTestPostgres.shared(context.getRoot());
            String name = "zdcd_t" + COUNTER.incrementAndGet() + "_"
                    + classContext.getRequiredTestClass().getSimpleName().toLowerCase().replaceAll("[^a-z0-9]", "");
            if (name.length() > 60) {
                name = name.substring(0, 60);
            }
            return new CreatedDatabase(server, server.createDatabase(name));
        }, CreatedDatabase.class).database();
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext c = context;
        while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()
                && c.getTestMethod().isPresent()) {
            c = c.getParent().get();
        }
        while (c.getTestMethod().isPresent()) {
            c = c.getParent().orElseThrow();
        }
        // Nested classes share their outer class's database.
        while (c.getParent().isPresent() && c.getParent().get().getTestClass().isPresent()) {
            c = c.getParent().get();
        }
        return c;
    }

    /** Drops the class's database when the class's store is closed. */
    private record CreatedDatabase(SharedTestPostgres server, TestDatabase database)
            implements AutoCloseable {
        @Override
        public void close() {
            server.dropDatabase(database.name());
        }
    }
}
