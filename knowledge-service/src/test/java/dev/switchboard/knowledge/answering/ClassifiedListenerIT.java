package dev.switchboard.knowledge.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;

@SpringBootTest(properties = "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}")
@EmbeddedKafka(topics = {"chat.classified", "chat.replies"}, partitions = 8,
        brokerProperties = "auto.create.topics.enable=false")
class ClassifiedListenerIT {

    @Autowired
    EventPublisher publisher;

    @Autowired
    KnowledgeBase knowledgeBase;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    TopicRecorder replies;
    TopicRecorder fallbacks;

    @BeforeEach
    void record() {
        replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name());
        fallbacks = new TopicRecorder(brokers, Topics.CHAT_FALLBACK.name());
    }

    @AfterEach
    void stopRecording() {
        replies.close();
        fallbacks.close();
    }

    @Test
    void aConfidentIntentIsAnsweredFromTheKnowledgeBaseWithReferences() {
        publish(classified("m-kb", "slow_internet", Agent.tech_support, 0.93));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies.values(ChatReplied.class,
                r -> r.getMessageId().equals("m-kb"))).singleElement().satisfies(reply -> {
                    assertThat(reply.getSource()).isEqualTo(ReplySource.knowledge_base);
                    assertThat(reply.getIntent()).isEqualTo("slow_internet");
                    assertThat(reply.getAgent()).isEqualTo(Agent.tech_support);
                    assertThat(reply.getContent()).isEqualTo(knowledgeBase.entry("slow_internet").get().response());
                    assertThat(reply.getReferences()).isNotEmpty();
                }));
        assertThat(replies.records()).filteredOn(r -> ((ChatReplied) r.value()).getMessageId().equals("m-kb"))
                .extracting(r -> r.partition()).containsOnly(4);
    }

    @Test
    void anExplicitRequestForAPersonIsEscalated() {
        publish(classified("m-human", "human_handoff", Agent.general, 0.97));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies.values(ChatReplied.class,
                r -> r.getMessageId().equals("m-human"))).singleElement()
                .satisfies(reply -> assertThat(reply.getSource()).isEqualTo(ReplySource.escalation)));
    }

    @Test
    void anUnknownOrUnsureIntentGoesToTheFallbackWithTheBestPassages() {
        IntentClassified unsure = classified("m-unsure", "wifi_setup", Agent.tech_support, 0.2);
        unsure.setCandidates(List.of(new IntentCandidate("wifi_setup", Agent.tech_support, 0.2)));
        publish(unsure);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(fallbacks.values(
                FallbackRequested.class, f -> f.getMessageId().equals("m-unsure"))).singleElement()
                .satisfies(request -> {
                    assertThat(request.getReason()).contains("below the answer threshold");
                    assertThat(request.getPassages()).isNotEmpty()
                            .allSatisfy(p -> assertThat(p.getIntent()).isEqualTo("wifi_setup"));
                    assertThat(request.getReplyTo()).isEqualTo(4);
                }));
        assertThat(replies.values(ChatReplied.class, r -> r.getMessageId().equals("m-unsure"))).isEmpty();
    }

    private void publish(IntentClassified event) {
        publisher.await(publisher.publish(Topics.CHAT_CLASSIFIED, event.getConversationId(), event));
    }

    private static IntentClassified classified(String messageId, String intent, Agent agent, double confidence) {
        IntentClassified event = new Envelope(messageId, "c-" + messageId, "u-1", 4, Instant.now())
                .stamp(new IntentClassified());
        event.setContent("a customer message");
        event.setIntent(intent);
        event.setAgent(agent);
        event.setConfidence(confidence);
        event.setCandidates(List.of(new IntentCandidate(intent, agent, confidence)));
        event.setClassifierVersion("test");
        event.setEmbedding(List.of());
        event.setFrustration(0.0);
        return event;
    }
}
