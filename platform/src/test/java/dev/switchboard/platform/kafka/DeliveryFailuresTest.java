package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
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
}
