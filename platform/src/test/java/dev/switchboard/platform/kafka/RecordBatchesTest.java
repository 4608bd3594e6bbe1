package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;

/** Which record a failure is pinned on decides what is committed and what is retried, then dead-lettered. */
class RecordBatchesTest {

    private final RecordBatches batches = new RecordBatches(ObservationRegistry.create(), new SimpleMeterRegistry(),
            Duration.ofSeconds(5));

    private final List<ConsumerRecord<String, String>> records = IntStream.range(0, 4)
            .mapToObj(i -> new ConsumerRecord<>("chat.inbound", 0, 100 + i, "conversation", "event-" + i)).toList();

    @Test
    void aSendTheBrokerRefusesNamesItsOwnRecordAfterTheOnesBefore() {
        // Given a handler whose send for the third record fails
        List<String> handled = new ArrayList<>();

        // When the poll is handled in order
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.inOrder(records, event -> {
                    handled.add(event);
                    return event.equals("event-2") ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                            : CompletableFuture.completedFuture(null);
                }));

        // Then the failure names the third record, the root cause travels with it
        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(failure.getCause()).hasMessage("down");
        assertThat(handled).containsExactly("event-0", "event-1", "event-2", "event-3");
    }

    @Test
    void aSendRefusedWhileWritingOneByOneNamesItsOwnRecordNotTheFirst() {
        // Given a unit that fails for the whole poll, so its records are written one by one, and a send for the third
        // record that fails
        List<String> written = new ArrayList<>();

        // When the poll is handled together
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.together(records, events -> {
                    if (events.size() > 1) {
                        throw new IllegalStateException("the whole poll at once fails");
                    }
                    written.addAll(events);
                    return events;
                }, (event, result) -> event.equals("event-2")
                        ? CompletableFuture.failedFuture(new IllegalStateException("down"))
                        : CompletableFuture.completedFuture(null)));

        // Then the records before it are written, and it is the one named
        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(failure.getCause()).hasMessage("down");
        assertThat(written).containsExactly("event-0", "event-1", "event-2");
    }

    @Test
    void aRecordThatCouldNotBeDecodedIsNamedAfterTheOnesBeforeAreWritten() {
        // Given a poll whose third record has no value (the deserializer failed on it)
        List<ConsumerRecord<String, String>> poll = new ArrayList<>(records);
        poll.set(2, new ConsumerRecord<>("chat.inbound", 0, 102, "conversation", null));
        List<String> written = new ArrayList<>();

        // When the poll is handled together
        BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
                () -> batches.together(poll, events -> {
                    written.addAll(events);
                    return events;
                }, (event, result) -> CompletableFuture.completedFuture(null)));

        // Then the two before it are written and it is named, so only it and the one after are polled again
        assertThat(failure.getIndex()).isEqualTo(2);
        assertThat(written).containsExactly("event-0", "event-1");
    }
}
