package dev.switchboard.platform.kafka;

import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Tells a failure that passes once a dependency is back (the database or the broker away, a timeout) from one that
 * no retry will cure (a record that cannot be decoded or processed: poison). The first is retried until the dependency
 * answers; only the second ends in the dead-letter topic.
 */
final class DeliveryFailures {

    /** Transient failures of libraries a service may not have (R2DBC), by class name. */
    private static final Set<String> TRANSIENT_BY_NAME = Set.of("io.r2dbc.spi.R2dbcTransientException",
            "io.r2dbc.spi.R2dbcNonTransientResourceException");

    private static final Set<Class<? extends Throwable>> TRANSIENT = Set.of(TransientDataAccessException.class,
            DataAccessResourceFailureException.class, RetriableException.class, TimeoutException.class,
            IOException.class);

    /**
     * SQL states (a class of two characters, or a whole state) that say the database is away or overwhelmed, not that
     * the statement is wrong: connection exceptions, insufficient resources, transaction rollbacks (serialisation,
     * deadlock), a lock not available, a cancelled statement (its timeout), an operator or crash shutdown, a database
     * starting up, and system (I/O) errors.
     */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("08", "53", "40", "55P03", "57014", "57P01",
            "57P02", "57P03", "58");

    /** Whether R2DBC is on this service's class path (platform has it as an optional dependency). */
    private static final boolean R2DBC = present("io.r2dbc.spi.R2dbcException");

    private DeliveryFailures() {
    }

    /** Whether the failure, or any of its causes, says a dependency is away rather than the record at fault. */
    static boolean isTransient(Throwable failure) {
        List<Throwable> chain = chain(failure);
        // the database's own word goes first: R2DBC reports every SQL state it does not know as a "resource" failure,
        // which Spring translates to DataAccessResourceFailureException, so a statement that can never succeed
        // (a value over an index's limit, say) would otherwise be retried for ever
        for (Throwable t : chain) {
            String state = sqlState(t);
            if (state != null && state.length() == 5) {
                return TRANSIENT_SQL_STATES.contains(state.substring(0, 2)) || TRANSIENT_SQL_STATES.contains(state);
            }
        }
        for (Throwable t : chain) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT.contains(type) || TRANSIENT_BY_NAME.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    /** The SQL state of a JDBC or R2DBC failure, if it is one and the database gave one. */
    private static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (R2DBC && t instanceof io.r2dbc.spi.R2dbcException r2dbc) {
            return r2dbc.getSqlState();
        }
        return null;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, DeliveryFailures.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
