package dev.switchboard.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/** A real PostgreSQL from Maven artifacts, with its data kept under the data directory, and a database per service. */
final class Postgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private Postgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts PostgreSQL listening on {@code bind}. */
    static Postgres start(Path dataDir, String bind, int port, List<String> databases) {
        requireFree(bind, port);
        try {
            Path data = dataDir.resolve("postgres");
            Files.createDirectories(data);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(data)
                    .setCleanDataDirectory(false).setPort(port).setRegisterShutdownHook(false);
            serverConfig(bind).forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            Postgres started = new Postgres(postgres);
            started.createMissing(databases);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL", e);
        }
    }

    /**
     * The embedded server counts as started once its port accepts connections, so another PostgreSQL already there
     * (one a killed stack on another data directory left running) would pass for ours while ours exits unable to bind:
     * the services would store into the other one's databases.
     */
    private static void requireFree(String bind, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(bind, port));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start PostgreSQL: " + bind + ":" + port + " is taken by another "
                    + "process (a PostgreSQL another local stack left running?); stop it and start again", e);
        }
    }

    static Map<String, String> serverConfig(String bind) {
        return Map.of("listen_addresses", bind);
    }

    private void createMissing(List<String> databases) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?");
                Statement create = connection.createStatement()) {
            for (String database : databases) {
                exists.setString(1, database);
                if (!exists.executeQuery().next()) {
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the service databases", e);
        }
    }

    /** The DATABASE_URL a service gets for its database, also while PostgreSQL is stopped (--control). */
    static String databaseUrl(String host, int port, String database) {
        return "postgresql://postgres@" + host + ":" + port + "/" + database;
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stop PostgreSQL", e);
        }
    }
}
