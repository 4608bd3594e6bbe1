package dev.switchboard.localstack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A real PostgreSQL from Maven artifacts, with its data kept under the data directory, and a database per service. */
final class Postgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private Postgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static Postgres start(Path dataDir, int port, List<String> databases) {
        try {
            Path data = dataDir.resolve("postgres");
            Files.createDirectories(data);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data)
                    .setCleanDataDirectory(false).setPort(port).setRegisterShutdownHook(false).start();
            Postgres started = new Postgres(postgres);
            started.createMissing(databases);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL", e);
        }
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

    /** The DATABASE_URL a service gets for its database. */
    String databaseUrl(String database) {
        return "postgresql://postgres@127.0.0.1:" + postgres.getPort() + "/" + database;
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
