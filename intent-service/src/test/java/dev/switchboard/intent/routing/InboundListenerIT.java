package dev.switchboard.intent.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.intent.IntentServiceTest;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.Rehearsals;
import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;

@IntentServiceTest
class InboundListenerIT {

    @Autowired
    EventPublisher publisher;

    @Autowired
    @Qualifier("inboundRehearsal")
    WarmUp rehearsal;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aCustomerMessageIsClassifiedAndHandedOnWithItsEnvelope() {
        // Given a message from the gateway instance owning reply partition 5
        Instant receivedAt = Instant.now();
        ChatMessageReceived message = new Envelope("m-1", "c-1", "u-1", 5, receivedAt).stamp(new ChatMessageReceived());
        message.setContent("my internet is super slow tonight");
        message.setChannel("rest");

        // When it arrives on chat.inbound
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "c-1", message));

        // Then chat.classified carries the routing decision and the same envelope, keyed by conversation (the
        // other ITs of this context publish their own conversations on the same broker)
        try (TopicRecorder classified = new TopicRecorder(brokers, Topics.CHAT_CLASSIFIED.name())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(classified.records())
                    .filteredOn(record -> "c-1".equals(record.key())).singleElement().satisfies(record -> {
                        assertThat(record.key()).isEqualTo("c-1");
                        IntentClassified event = (IntentClassified) record.value();
                        assertThat(event.getMessageId()).isEqualTo("m-1");
                        assertThat(event.getReplyTo()).isEqualTo(5);
                        assertThat(event.getUserId()).isEqualTo("u-1");
                        assertThat(event.getReceivedAt()).isEqualTo(receivedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                        assertThat(event.getIntent()).isEqualTo("slow_internet");
                        assertThat(event.getAgent()).isEqualTo(Agent.tech_support);
                        assertThat(event.getCandidates()).isNotEmpty();
                        assertThat(event.getContent()).isEqualTo("my internet is super slow tonight");
                    }));
        }
    }

    @Test
    void aFollowUpKeptOnTheConversationsTopicIsMarkedAsOne() {
        // Given a conversation about slow internet
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "c-2", message("m-2a", "c-2",
                "my internet is super slow tonight")));
        // When the next turn only refers back to it
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "c-2", message("m-2b", "c-2",
                "restarted it and still the same")));

        // Then the follow-up keeps the topic and says it is a follow-up, so its article comes from that topic; the
        // first turn, read on its own, is none
        try (TopicRecorder classified = new TopicRecorder(brokers, Topics.CHAT_CLASSIFIED.name())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(classified.values(
                    IntentClassified.class, event -> "c-2".equals(event.getConversationId())))
                    .extracting(IntentClassified::getMessageId, IntentClassified::getIntent,
                            IntentClassified::getFollowUp)
                    .containsExactly(tuple("m-2a", "slow_internet", false), tuple("m-2b", "slow_internet", true)));
        }
    }

    @Test
    void theReadinessRehearsalClassifiesAQuestionAndHandsItOnMarkedAsThisProcesssOwn() throws Exception {
        // Given the warm-up readiness runs last (this test context serves no HTTP, so readiness itself never comes)
        // When it runs
        rehearsal.warmUp();

        // Then its question was classified and handed on, marked, so that knowledge-service drops it
        try (TopicRecorder classified = new TopicRecorder(brokers, Topics.CHAT_CLASSIFIED.name())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(classified.records())
                    .filteredOn(record -> ((IntentClassified) record.value()).getUserId().equals(Rehearsals.USER_ID))
                    .singleElement().satisfies(record -> {
                        assertThat(record.headers().lastHeader(Rehearsals.HEADER)).isNotNull();
                        assertThat(((IntentClassified) record.value()).getIntent()).isEqualTo("autopay_paperless");
                    }));
        }
    }

    private static ChatMessageReceived message(String messageId, String conversationId, String content) {
        ChatMessageReceived message = new Envelope(messageId, conversationId, "u-1", 5, Instant.now())
                .stamp(new ChatMessageReceived());
        message.setContent(content);
        message.setChannel("rest");
        return message;
    }
}
