package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

class DeliveryFailuresTest {

    @Test
    void aDependencyThatIsAwayIsTransientHoweverDeeplyWrapped() {
        // Given the failures a listener sees when PostgreSQL or the broker is away, wrapped as the container wraps them
        for (Exception cause : new Exception[] {new DataAccessResourceFailureException("connection refused"),
                new QueryTimeoutException("statement timeout"), new ConnectException("Connection refused"),
                new IOException("Connection closed"), new TimeoutException("no ack within 10s"),
                new NotLeaderOrFollowerException("leader moved"),
                new IllegalStateException("Timeout on blocking read", new TimeoutException())}) {
            Exception seen = new ListenerExecutionFailedException("listener failed",
                    new BatchListenerFailedException("record 3 failed", cause, 3));

            // Then it is transient: retried until the dependency is back
            assertThat(DeliveryFailures.isTransient(seen)).as("%s", cause).isTrue();
        }
    }

    @Test
    void aRecordAtFaultIsPoison() {
        for (Exception cause : new Exception[] {new SerializationException("not Avro"),
                new IllegalArgumentException("replyTo 9 is outside the 8 partitions"), new NullPointerException(),
                new DataIntegrityViolationException("value too long"), new RecordTooLargeException("2 MB")}) {
            Exception seen = new ListenerExecutionFailedException("listener failed",
                    new BatchListenerFailedException("record 0 failed", cause, 0));

            assertThat(DeliveryFailures.isTransient(seen)).as("%s", cause).isFalse();
        }
    }

    @Test
    void theDatabasesSqlStateDecidesThoughTheDriverCallsEveryUnknownStateAResourceFailure() {
        // Given statements PostgreSQL refused, as R2DBC reports them (any state it does not map is a "resource"
        // failure) and Spring translates them (DataAccessResourceFailureException)
        Map<String, Boolean> transientByState = Map.of(
                "57P01", true, // the server shuts down (terminating connection due to administrator command)
                "57P03", true, // the database system is starting up
                "08006", true, // connection failure
                "53300", true, // too many connections
                "40P01", true, // deadlock detected
                "57014", true, // statement timeout
                "54000", false, // index row size exceeds the maximum: the record's value is too large, for ever
                "P0001", false, // raised by a function
                "XX000", false); // internal error
        transientByState.forEach((state, expected) -> {
            Exception seen = new ListenerExecutionFailedException("listener failed",
                    new BatchListenerFailedException("record 0 failed", new DataAccessResourceFailureException(
                            "statement failed", new R2dbcNonTransientResourceException("refused", state)), 0));

            // Then the SQL state, not the wrapping, tells a database that is away from a record at fault
            assertThat(DeliveryFailures.isTransient(seen)).as(state).isEqualTo(expected);
        });
        // the same for JDBC's exceptions
        assertThat(DeliveryFailures.isTransient(new SQLTransientConnectionException("gone", "08001"))).isTrue();
        assertThat(DeliveryFailures.isTransient(new SQLException("too large", "54000"))).isFalse();
    }
}
