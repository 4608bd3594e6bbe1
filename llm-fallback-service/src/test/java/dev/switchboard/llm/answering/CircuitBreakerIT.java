package dev.switchboard.llm.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.llm.LlmFallbackServiceTest;
import dev.switchboard.llm.model.ModelClient;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

@LlmFallbackServiceTest
@TestPropertySource(properties = {"switchboard.llm.breaker.minimum-calls=4", "switchboard.llm.breaker.open-for=3s"})
class CircuitBreakerIT {

    static final OpenAiStub model = new OpenAiStub();

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        model.register(registry);
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    ModelClient client;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aStormOf500sOpensTheBreakerSoCallsStopReachingTheModelUntilItHalfOpens() {
        try (TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name())) {
            // Given a model that fails every call, asked once: three attempts (a 500 is retried), no more
            model.fails(500);
            ask(replies, "b1", ReplySource.fallback);
            assertThat(model.requests()).isEqualTo(3);

            // When asked three more times, the fourth failed attempt opens the breaker (minimum calls 4)
            for (int i = 2; i <= 4; i++) {
                ask(replies, "b" + i, ReplySource.fallback);
            }
            int reachedTheModel = model.requests();
            assertThat(reachedTheModel).isEqualTo(4);
            assertThat(client.state()).isEqualTo(CircuitBreaker.State.OPEN);

            // When more questions arrive while the breaker is open
            ChatReplied whileOpen = ask(replies, "b5", ReplySource.fallback);
            ask(replies, "b6", ReplySource.fallback);

            // Then none of them reaches the model, and the extractive answer goes out well within 2 s
            assertThat(model.requests()).isEqualTo(reachedTheModel);
            System.out.printf("breaker open: fallback reply latencyMs %d%n", whileOpen.getLatencyMs());
            assertThat(whileOpen.getLatencyMs()).isLessThan(2_000);

            // And once the breaker half-opens and the model is back, calls reach it again and answer with the model
            model.streams("Back online [kb-lights-1].");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> client.state() == CircuitBreaker.State.HALF_OPEN);
            ask(replies, "b7", ReplySource.llm);
            assertThat(model.requests()).isEqualTo(1);
        }
    }

    private ChatReplied ask(TopicRecorder replies, String messageId, ReplySource expected) {
        publisher.await(publisher.publish(Topics.CHAT_FALLBACK, "c-" + messageId, OpenAiStub.question(messageId, 2)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies.records())
                .extracting(record -> (ChatReplied) record.value())
                .filteredOn(reply -> reply.getMessageId().equals(messageId))
                .singleElement().extracting(ChatReplied::getSource).isEqualTo(expected));
        return replies.values(ChatReplied.class, reply -> reply.getMessageId().equals(messageId)).get(0);
    }
}
