package dev.switchboard.platform.kafka;

import java.io.IOException;
import java.util.HashSet;
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

    private DeliveryFailures() {
    }

    /** Whether the failure, or any of its causes, says a dependency is away rather than the record at fault. */
    static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            for (Class<?> type = t.getClass(); type != null; type = type.getSuperclass()) {
                if (TRANSIENT.contains(type) || TRANSIENT_BY_NAME.contains(type.getName())) {
                    return true;
                }
            }
        }
        return false;
    }
}
