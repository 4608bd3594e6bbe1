package dev.switchboard.analytics.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import dev.switchboard.schemas.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

@AnalyticsServiceTest
class DeadLettersIT {

    static final TestIdentity TOKENS = TestIdentity.of("analytics-service");
    static final String DLT = Topics.CHAT_INBOUND.deadLetterTopic();

    @Autowired
    WebTestClient web;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aDeadLetterIsListedWithItsFailureAndReplayedOntoItsTopicOnce() throws Exception {
        // Given a customer message that chat-service dead-lettered, with the failure in its headers
        ChatMessageReceived message = new Envelope("m-dead-letter", "conv-dead-letter", "alice", 0, Instant.now())
                .stamp(new ChatMessageReceived());
        message.setContent("my wifi drops");
        message.setChannel("rest");
        RecordMetadata dead = deadLetter("conv-dead-letter", message);

        // When an admin lists the dead letters of chat.inbound
        List<DeadLetters.DeadLetter> listed = list();

        // Then it is there, with the exception that sent it there and the topic it came from, not replayed
        assertThat(listed).filteredOn(l -> l.offset() == dead.offset() && l.partition() == dead.partition())
                .singleElement().satisfies(letter -> {
                    assertThat(letter.key()).isEqualTo("conv-dead-letter");
                    assertThat(letter.originalTopic()).isEqualTo(Topics.CHAT_INBOUND.name());
                    assertThat(letter.exception()).isEqualTo("org.springframework.dao.DataIntegrityViolationException");
                    assertThat(letter.message()).isEqualTo("the database refused it");
                    assertThat(letter.replayedAt()).isNull();
                });

        try (TopicRecorder inbound = new TopicRecorder(brokers, Topics.CHAT_INBOUND.name())) {
            String from = DLT + "-" + dead.partition() + "@" + dead.offset();

            // When the admin replays it
            DeadLetters.Replay first = replay(dead.partition(), dead.offset(), 202);

            // Then it is back on chat.inbound, once, with its key and without the dead-letter headers
            assertThat(first.replayed()).isTrue();
            assertThat(first.replayedTo()).isEqualTo(Topics.CHAT_INBOUND.name());
            assertThat(first.replayedBy()).isEqualTo("root");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replayedFrom(inbound, from))
                    .singleElement().satisfies(record -> {
                        assertThat(record.key()).isEqualTo("conv-dead-letter");
                        assertThat(((ChatMessageReceived) record.value()).getMessageId()).isEqualTo("m-dead-letter");
                        assertThat(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)).isNull();
                    }));

            // When it is replayed again, Then nothing is sent: the answer names the first replay
            DeadLetters.Replay second = replay(dead.partition(), dead.offset(), 200);
            assertThat(second.replayed()).isFalse();
            assertThat(second.replayedAt()).isEqualTo(first.replayedAt());
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> replayedFrom(inbound, from).size() == 1);
        }
        // And the list says when it was replayed
        assertThat(list()).filteredOn(l -> l.offset() == dead.offset() && l.partition() == dead.partition())
                .singleElement().satisfies(letter -> assertThat(letter.replayedAt()).isNotNull());
    }

    @Test
    void whatIsNotADeadLetterIsRefused() {
        admin().get().uri("/api/v1/analytics/admin/dead-letters/chat.inbound").exchange().expectStatus().isNotFound();
        admin().get().uri("/api/v1/analytics/admin/dead-letters/{topic}?limit=0", DLT).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("limit"));
        admin().post().uri("/api/v1/analytics/admin/dead-letters/{topic}/0/999999/replay", DLT).exchange()
                .expectStatus().isNotFound();
    }

    private RecordMetadata deadLetter(String key, ChatMessageReceived message)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(DLT, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(DLT, 1,
                    key.getBytes(StandardCharsets.UTF_8), new EventSerializer().serialize(DLT, message));
            record.headers().add(KafkaHeaders.DLT_ORIGINAL_TOPIC, Topics.CHAT_INBOUND.name().getBytes());
            record.headers().add(KafkaHeaders.DLT_EXCEPTION_FQCN,
                    "org.springframework.dao.DataIntegrityViolationException".getBytes());
            record.headers().add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, "the database refused it".getBytes());
            return producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    private List<DeadLetters.DeadLetter> list() {
        return admin().get().uri("/api/v1/analytics/admin/dead-letters/{topic}", DLT).exchange()
                .expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<DeadLetters.DeadLetter>>() { })
                .returnResult().getResponseBody();
    }

    private DeadLetters.Replay replay(int partition, long offset, int status) {
        return admin().post().uri("/api/v1/analytics/admin/dead-letters/{topic}/{partition}/{offset}/replay", DLT,
                partition, offset).exchange().expectStatus().isEqualTo(status)
                .expectBody(DeadLetters.Replay.class).returnResult().getResponseBody();
    }

    private static List<ConsumerRecord<String, SpecificRecord>> replayedFrom(TopicRecorder recorder, String from) {
        return recorder.records().stream().filter(r -> r.headers().lastHeader(DeadLetters.REPLAYED_FROM) != null
                && new String(r.headers().lastHeader(DeadLetters.REPLAYED_FROM).value(), StandardCharsets.UTF_8)
                        .equals(from)).toList();
    }

    private WebTestClient admin() {
        return web.mutate().responseTimeout(Duration.ofSeconds(60)).defaultHeaders(TOKENS.user("root", "admin"))
                .build();
    }
}
