package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

@SpringBootTest(properties = {"spring.application.name=gateway-service",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "switchboard.kafka.reply-on-failure=true",
        "switchboard.kafka.retry-backoff=10ms"})
// the platform refuses to serve HTTP without the public keys it verifies internal tokens with
@ContextConfiguration(initializers = TestIdentity.Keys.class)
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class KafkaPlatformIT {

    @Autowired
    EventPublisher publisher;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aMessageAStageCannotHandleIsDeadLetteredAndTheCustomerStillGetsAnAnswer() {
        // Given a message the listener below always fails on
        String messageId = UUID.randomUUID().toString();
        ChatMessageReceived poison = new Envelope(messageId, "conv-1", "user-1", 2, Instant.now())
                .stamp(new ChatMessageReceived());
        poison.setContent("boom");
        poison.setChannel("rest");

        // When it is published
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "conv-1", poison));

        // Then after the bounded retries it lands in the dead-letter topic with the failure in headers
        try (TopicRecorder deadLetters = new TopicRecorder(brokers, Topics.CHAT_INBOUND.deadLetterTopic());
                TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deadLetters.records())
                    .filteredOn(r -> r.value() instanceof ChatMessageReceived m && m.getMessageId().equals(messageId))
                    .singleElement()
                    .satisfies(dead -> assertThat(new String(
                            dead.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE).value(),
                            StandardCharsets.UTF_8)).contains("cannot handle boom")));
            // And the customer gets a fallback reply on the gateway's partition
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies.records())
                    .filteredOn(r -> r.value() instanceof ChatReplied c && c.getMessageId().equals(messageId))
                    .singleElement()
                    .satisfies(reply -> {
                        assertThat(reply.partition()).isEqualTo(2);
                        assertThat(((ChatReplied) reply.value()).getSource()).isEqualTo(ReplySource.fallback);
                        assertThat(((ChatReplied) reply.value()).getContent()).contains("agent");
                    }));
        }
    }

    @SpringBootApplication
    @Import(FailingListener.class)
    static class TestApp {
    }

    static class FailingListener {

        @KafkaListener(topics = "chat.inbound")
        void on(ChatMessageReceived message) {
            throw new IllegalStateException("cannot handle " + message.getContent());
        }
    }
}
