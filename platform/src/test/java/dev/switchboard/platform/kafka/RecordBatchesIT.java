package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplyChunk;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A batch listener keeps what a record listener promised: a record that fails is retried and dead-lettered alone,
 * with a fallback reply, while the records before and after it are each answered once and in their order.
 */
@SpringBootTest(properties = {"spring.application.name=gateway-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "switchboard.kafka.reply-on-failure=true",
        "switchboard.kafka.retry-backoff=10ms"})
// the platform refuses to serve HTTP without the public keys it verifies internal tokens with
@ContextConfiguration(initializers = TestIdentity.Keys.class)
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class RecordBatchesIT {

    private static final int REPLY_PARTITION = 3;

    @Autowired
    EventPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void recordsHandledOneByOneAreAnsweredOnceInOrderAndOnlyThePoisonOneIsDeadLettered() {
        // Given three messages of one conversation, the second of which the listener always fails on
        String conversation = UUID.randomUUID().toString();
        List<String> contents = List.of("first", "boom", "third");

        // When they are published one right after the other
        List<ChatMessageReceived> messages = contents.stream().map(content -> message(conversation, content)).toList();
        messages.forEach(message -> publisher.publish(Topics.CHAT_INBOUND, conversation, message));

        // Then the customer gets exactly one reply to each, in order: the poison one a fallback reply
        assertAnsweredOnceInOrder(conversation, messages.stream().map(ChatMessageReceived::getMessageId).toList(),
                Topics.CHAT_INBOUND.deadLetterTopic());
    }

    @Test
    void recordsWrittenTogetherFallBackToOneByOneSoOnlyThePoisonOneIsDeadLettered() {
        // Given three events of one conversation handled as one unit, which fails whenever the poison one is in it
        String conversation = UUID.randomUUID().toString();
        List<ReplyChunk> chunks = List.of("first", "boom", "third").stream()
                .map(delta -> chunk(conversation, delta)).toList();

        // When they are published one right after the other
        chunks.forEach(chunk -> publisher.reply(Topics.CHAT_REPLY_CHUNKS, REPLY_PARTITION, conversation, chunk));

        // Then the unit is tried event by event: each good one is answered once, in order, the poison one dead-lettered
        assertAnsweredOnceInOrder(conversation, chunks.stream().map(ReplyChunk::getMessageId).toList(),
                Topics.CHAT_REPLY_CHUNKS.deadLetterTopic());
    }

    @Test
    void eachRecordIsTimedUnderOneListenerTimerThatPrometheusAccepts() {
        // Given a message answered through a batch listener
        String conversation = UUID.randomUUID().toString();
        ChatMessageReceived message = message(conversation, "first");

        // When it has been handled
        publisher.publish(Topics.CHAT_INBOUND, conversation, message);
        await().atMost(Duration.ofSeconds(30)).until(() -> meters.find("spring.kafka.listener").timers().stream()
                .mapToLong(Timer::count).sum() > 0);

        // Then every listener timer is the per-record observation's (with its error tag): a container timer of the
        // whole poll under the same name, with other tag keys, would be refused by Prometheus
        assertThat(meters.find("spring.kafka.listener").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTag("error")).isNotNull());
    }

    private void assertAnsweredOnceInOrder(String conversation, List<String> messageIds, String deadLetterTopic) {
        try (TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name());
                TopicRecorder deadLetters = new TopicRecorder(brokers, deadLetterTopic)) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    replies.values(ChatReplied.class, r -> r.getConversationId().equals(conversation)))
                    .extracting(ChatReplied::getMessageId).containsExactlyElementsOf(messageIds));
            assertThat(replies.values(ChatReplied.class, r -> r.getConversationId().equals(conversation)))
                    .extracting(ChatReplied::getSource)
                    .containsExactly(ReplySource.knowledge_base, ReplySource.fallback, ReplySource.knowledge_base);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.records())
                    .filteredOn(r -> conversation.equals(r.key()))
                    .singleElement()
                    .satisfies(dead -> assertThat(Envelope.of(dead.value()).messageId()).isEqualTo(messageIds.get(1))));
        }
    }

    private static ChatMessageReceived message(String conversation, String content) {
        ChatMessageReceived message = new Envelope(UUID.randomUUID().toString(), conversation, "user-1",
                REPLY_PARTITION, Instant.now()).stamp(new ChatMessageReceived());
        message.setContent(content);
        message.setChannel("rest");
        return message;
    }

    private static ReplyChunk chunk(String conversation, String delta) {
        ReplyChunk chunk = new Envelope(UUID.randomUUID().toString(), conversation, "user-1", REPLY_PARTITION,
                Instant.now()).stamp(new ReplyChunk());
        chunk.setSequence(0);
        chunk.setDelta(delta);
        chunk.setLast(true);
        return chunk;
    }

    @SpringBootApplication
    @Import(Listeners.class)
    static class TestApp {
    }

    static class Listeners {

        private final RecordBatches batches;
        private final EventPublisher publisher;

        Listeners(RecordBatches batches, EventPublisher publisher) {
            this.batches = batches;
            this.publisher = publisher;
        }

        /** Answers each message, failing on "boom". */
        @KafkaListener(topics = Topics.Names.CHAT_INBOUND, groupId = "one-by-one", batch = "true")
        void oneByOne(List<ConsumerRecord<String, ChatMessageReceived>> records) {
            batches.inOrder(records, message -> {
                if (message.getContent().equals("boom")) {
                    throw new IllegalStateException("cannot handle boom");
                }
                return answer(publisher, message);
            });
        }

        /** Accepts a unit of chunks unless "boom" is among them, then answers each. */
        @KafkaListener(topics = Topics.Names.CHAT_REPLY_CHUNKS, groupId = "together", batch = "true")
        void together(List<ConsumerRecord<String, ReplyChunk>> records) {
            batches.together(records, chunks -> {
                if (chunks.stream().anyMatch(chunk -> chunk.getDelta().equals("boom"))) {
                    throw new IllegalStateException("cannot write boom");
                }
                return chunks.stream().map(ReplyChunk::getDelta).toList();
            }, (chunk, delta) -> answer(publisher, chunk));
        }
    }

    /** A knowledge-base reply to {@code event} on its gateway's partition (ListenerLifecycleIT answers with it too). */
    static CompletableFuture<Void> answer(EventPublisher publisher, SpecificRecord event) {
        Envelope envelope = Envelope.of(event);
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent("answered");
        reply.setAgent(Agent.general);
        reply.setIntent("unknown");
        reply.setSource(ReplySource.knowledge_base);
        reply.setConfidence(1.0);
        reply.setReferences(List.of());
        reply.setLatencyMs(envelope.elapsedMillis());
        return publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply);
    }
}
