package dev.switchboard.platform.test;

import dev.switchboard.platform.env.PlatformEnvironmentPostProcessor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/** One real PostgreSQL (from Maven artifacts) per test JVM, with a database per caller. */
public final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresSupport() {
    }

    /**
     * Points a test's application context at the database named by the property {@value #DATABASE}: a service's test
     * annotation sets it and adds this with {@code @ContextConfiguration(initializers = ...)}; a test whose data must
     * not meet the others' names its own with {@code @TestPropertySource}.
     */
    public static final class Database implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        public static final String DATABASE = "embedded-postgres.database";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            ConfigurableEnvironment environment = context.getEnvironment();
            environment.getPropertySources().addFirst(new MapPropertySource("embedded-postgres",
                    PlatformEnvironmentPostProcessor.databaseProperties(databaseUrl(
                            environment.getRequiredProperty(DATABASE)))));
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
