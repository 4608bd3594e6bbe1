package dev.switchboard.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts read straight from the services' PostgreSQL databases of the local stack, to check what the APIs report. */
final class Stores {

    /** The local stack's embedded PostgreSQL (LocalStack.POSTGRES_PORT). */
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:15432/";

    private Stores() {
    }

    /** The first row of {@code sql} in {@code database}, column label → value. */
    static Map<String, Object> row(String database, String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES + database, "postgres", "");
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (rows.next()) {
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    row.put(rows.getMetaData().getColumnLabel(i), rows.getObject(i));
                }
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }
}
