package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A rehearsal runs a listener's whole path on a made-up record and marks what it publishes, so that no other
 * process's listener handles it, while this process's listeners drop every other process's rehearsal.
 */
@SpringBootTest(properties = {"spring.application.name=gateway-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
// the platform refuses to serve HTTP without the public keys it verifies internal tokens with
@ContextConfiguration(initializers = TestIdentity.Keys.class)
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
// the rehearsal first: the listener's first observation registers its meters, which later ones must match
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RehearsalsIT {

    @Autowired
    Rehearsals rehearsals;

    @Autowired
    Listeners listeners;

    @Autowired
    EventPublisher publisher;

    @Autowired
    KafkaTemplate<String, SpecificRecord> template;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    @Order(1)
    void aRehearsalRunsTheListenerAndMarksWhatItsRecordCausedAsThisProcesssOwn() throws Exception {
        // Given the rehearsal of a listener that answers every message
        WarmUp rehearsal = rehearsals.warmUp(Listeners.ID, Topics.CHAT_INBOUND,
                envelope -> content(envelope.stamp(new ChatMessageReceived()), "rehearsed question"));

        try (TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name())) {
            // When it runs
            rehearsal.warmUp();

            // Then the listener has handled its message, and the reply it published is acknowledged, with the mark
            assertThat(listeners.handled).contains("rehearsed question");
            await().atMost(Duration.ofSeconds(30)).until(() -> !rehearsalReplies(replies).isEmpty());
            ConsumerRecord<String, SpecificRecord> reply = rehearsalReplies(replies).get(0);
            assertThat(reply.headers().lastHeader(Rehearsals.HEADER)).isNotNull();
            // that this process's listeners take, and every other process's drop
            assertThat(rehearsals.foreign(reply)).isFalse();
            // and its observation was tagged as the container's are, so Prometheus takes the listener's meters
            assertThat(meters.find("spring.kafka.listener").meters()).isNotEmpty().allSatisfy(meter -> assertThat(
                    meter.getId().getTag("messaging.kafka.consumer.group")).isEqualTo("rehearsals"));
        }
    }

    @Test
    @Order(2)
    void anotherProcesssRehearsalIsDroppedWhileTheRecordsAroundItAreHandled() {
        // Given a record marked by another process's rehearsal, then an ordinary message, in one conversation
        String conversation = UUID.randomUUID().toString();
        ProducerRecord<String, SpecificRecord> foreign = new ProducerRecord<>(Topics.CHAT_INBOUND.name(), conversation,
                content(envelope(conversation, "someone").stamp(new ChatMessageReceived()), "another's rehearsal"));
        foreign.headers().add(Rehearsals.HEADER, "another-process".getBytes(StandardCharsets.US_ASCII));

        // When both are published, in that order
        template.send(foreign);
        publisher.publish(Topics.CHAT_INBOUND, conversation,
                content(envelope(conversation, "user-1").stamp(new ChatMessageReceived()), "ordinary question"));

        // Then the listener handles the ordinary one (so it has read past the other) and never the rehearsal
        await().atMost(Duration.ofSeconds(30)).until(() -> listeners.handled.contains("ordinary question"));
        assertThat(listeners.handled).doesNotContain("another's rehearsal");
    }

    private static List<ConsumerRecord<String, SpecificRecord>> rehearsalReplies(TopicRecorder replies) {
        return replies.records().stream().filter(r -> r.value() instanceof ChatReplied reply
                && reply.getUserId().equals(Rehearsals.USER_ID)).toList();
    }

    private static Envelope envelope(String conversation, String user) {
        return new Envelope(UUID.randomUUID().toString(), conversation, user, 0, Instant.now());
    }

    private static ChatMessageReceived content(ChatMessageReceived message, String content) {
        message.setContent(content);
        message.setChannel("rest");
        return message;
    }

    @SpringBootApplication
    @Import(Listeners.class)
    static class TestApp {
    }

    static class Listeners {

        static final String ID = "answering";

        final List<String> handled = new CopyOnWriteArrayList<>();
        private final RecordBatches batches;
        private final EventPublisher publisher;

        Listeners(RecordBatches batches, EventPublisher publisher) {
            this.batches = batches;
            this.publisher = publisher;
        }

        /** Answers every message, as knowledge-service would. */
        @KafkaListener(id = ID, topics = Topics.Names.CHAT_INBOUND, groupId = "rehearsals", batch = "true")
        void answer(List<ConsumerRecord<String, ChatMessageReceived>> records) {
            batches.inOrder(records, message -> {
                handled.add(message.getContent());
                return RecordBatchesIT.answer(publisher, message);
            });
        }
    }
}
