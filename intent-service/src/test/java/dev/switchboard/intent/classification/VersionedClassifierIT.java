package dev.switchboard.intent.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.intent.IntentServiceTest;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.versions.KnowledgeServiceStandIn;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * intent-service follows the knowledge base versions knowledge-service announces, with no restart: a new version's
 * example phrases route messages, and a version whose content does not match its announced checksum is refused while
 * the one serving keeps serving.
 */
@IntentServiceTest
class VersionedClassifierIT {

    /** Nothing in the bundled knowledge base is like it: only version 2's new examples can route it. */
    private static final String MESSAGE = "is the purple giraffe festival on this weekend?";
    private static final String NEW_INTENT = "company_info";
    private static final Duration TRAINING = Duration.ofMinutes(2);

    @Autowired
    EventPublisher publisher;

    @Autowired
    VersionedClassifier classifier;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    final KnowledgeServiceStandIn knowledge = KnowledgeServiceStandIn.instance();

    @Test
    void aNewVersionClassifiesWithoutARestartAndABadChecksumIsRefused() {
        String version2 = withExamples(KnowledgeServiceStandIn.BUNDLED, "2026-12-03 giraffes",
                "tell me about the purple giraffe festival", "when is the purple giraffe festival",
                "tickets for the purple giraffe festival");
        try (TopicRecorder classified = new TopicRecorder(brokers, Topics.CHAT_CLASSIFIED.name())) {
            // Given the service classifying with version 1 (kept on disk at start), announced as the active one
            announce(1, KnowledgeServiceStandIn.checksum(KnowledgeServiceStandIn.BUNDLED), false);
            awaitServing(1);
            IntentClassified before = classify(classified, MESSAGE);
            assertThat(before.getIntent()).isNotEqualTo(NEW_INTENT);
            assertThat(before.getClassifierVersion()).endsWith("-kb-1");

            // When version 2, with new example phrases, is published and announced
            knowledge.serve(2, version2);
            announce(2, KnowledgeServiceStandIn.checksum(version2), false);

            // Then, with no restart, the message is classified to the new phrases' intent, naming version 2
            awaitServing(2);
            IntentClassified after = classify(classified, MESSAGE);
            assertThat(after.getIntent()).isEqualTo(NEW_INTENT);
            assertThat(after.getClassifierVersion()).endsWith("-kb-2");
            // ... fetched with intent-service's own token, addressed to knowledge-service
            assertThat(knowledge.callers()).last().asString().contains("\"iss\":\"intent-service\"")
                    .contains("knowledge-service");

            // When version 3 is announced with a checksum its content does not have
            knowledge.serve(3, withExamples(version2, "2026-12-03 tampered"));
            announce(3, "not what is served", false);

            // Then it is refused, retried, counted, and version 2 keeps classifying
            await().atMost(Duration.ofSeconds(30)).until(() -> failures("checksum") >= 2);
            assertThat(classifier.current()).get().extracting(VersionedClassifier.Loaded::versionId).isEqualTo(2L);
            IntentClassified refused = classify(classified, MESSAGE);
            assertThat(refused.getIntent()).isEqualTo(NEW_INTENT);
            assertThat(refused.getClassifierVersion()).endsWith("-kb-2");
        } finally {
            // a rollback to version 1: the other tests of this context classify with the bundled knowledge base
            announce(1, KnowledgeServiceStandIn.checksum(KnowledgeServiceStandIn.BUNDLED), true);
            awaitServing(1);
        }
    }

    private void announce(long versionId, String checksum, boolean rollback) {
        KnowledgeBaseVersionPublished announcement = KnowledgeBaseVersionPublished.newBuilder()
                .setEventId(UUID.randomUUID().toString()).setVersionId(versionId).setLabel("v" + versionId)
                .setChecksum(checksum)
                .setPublishedAt(Instant.now()).setPublishedBy("admin").setRollback(rollback).build();
        publisher.await(publisher.publish(Topics.KNOWLEDGE_VERSIONS, Topics.KNOWLEDGE_BASE_KEY, announcement));
    }

    private void awaitServing(long versionId) {
        await().atMost(TRAINING).until(() -> classifier.current()
                .filter(loaded -> loaded.versionId() == versionId).isPresent());
    }

    private IntentClassified classify(TopicRecorder classified, String content) {
        String messageId = UUID.randomUUID().toString();
        String conversationId = UUID.randomUUID().toString();
        ChatMessageReceived message = new Envelope(messageId, conversationId, "u-1", 0, Instant.now())
                .stamp(new ChatMessageReceived());
        message.setContent(content);
        message.setChannel("rest");
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, conversationId, message));
        await().atMost(Duration.ofSeconds(30)).until(() -> !classified.values(IntentClassified.class,
                event -> event.getMessageId().equals(messageId)).isEmpty());
        return classified.values(IntentClassified.class, event -> event.getMessageId().equals(messageId)).get(0);
    }

    private double failures(String reason) {
        Counter counter = meters.find("knowledge.base.version.loads").tag("outcome", "failed").tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** {@code document} with another label and {@code examples} added to {@link #NEW_INTENT}. */
    private static String withExamples(String document, String label, String... examples) {
        JsonMapper json = JsonMapper.builder().build();
        ObjectNode root = (ObjectNode) json.readTree(document);
        root.put("version", label);
        ArrayNode phrases = (ArrayNode) root.path("agents").path("general").path("categories").path(NEW_INTENT)
                .path("examples");
        for (String example : examples) {
            phrases.add(example);
        }
        return json.writeValueAsString(root);
    }
}
