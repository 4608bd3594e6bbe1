package dev.switchboard.platform.test;

import dev.switchboard.platform.env.PlatformEnvironmentPostProcessor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;

/** One real PostgreSQL (from Maven artifacts) per test JVM, with a database per caller. */
public final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresSupport() {
    }

    /** Starts PostgreSQL if needed, creates {@code database} if missing and points R2DBC and Flyway at it. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        Map<String, Object> properties = PlatformEnvironmentPostProcessor.databaseProperties(databaseUrl(database));
        properties.forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * Points a test's application context at its service's database, for the service's test annotation
     * ({@code @ContextConfiguration(initializers = ...)}, a subclass naming the database). A test whose data must not
     * meet the others' names its own with the property {@value #DATABASE}.
     */
    public abstract static class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        public static final String DATABASE = "embedded-postgres.database";

        private final String name;

        protected Database(String name) {
            this.name = name;
        }

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ConfigurableEnvironment environment = context.getEnvironment();
            String database = environment.getProperty(DATABASE, name);
            environment.getPropertySources().addFirst(new MapPropertySource("embedded-postgres",
                    PlatformEnvironmentPostProcessor.databaseProperties(databaseUrl(database))));
        }
    }

    public static synchronized String databaseUrl(String database) {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresSupport::close));
            }
            try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                var exists = s.executeQuery("select 1 from pg_database where datname = '" + database + "'");
                if (!exists.next()) {
                    s.execute("create database " + database);
                }
            }
            return "postgresql://postgres@localhost:" + postgres.getPort() + "/" + database;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    private static synchronized void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
