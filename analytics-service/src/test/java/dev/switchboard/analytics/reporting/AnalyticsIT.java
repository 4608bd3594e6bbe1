package dev.switchboard.analytics.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ConversationStatusChanged;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.FeedbackSubmitted;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A scripted day of traffic, with chosen timestamps, through real Kafka into real PostgreSQL. */
@AnalyticsServiceTest
@SuppressWarnings("unchecked")
class AnalyticsIT {

    static final TestIdentity TOKENS = TestIdentity.of("analytics-service");

    static final List<String> TOPICS = List.of("chat.inbound", "chat.classified", "chat.fallback", "chat.replies",
            "conversation.events", "feedback.events");
    static final int PARTITIONS = 3;

    static final String DAY = "from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Autowired
    DatabaseClient db;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aScriptedDayYieldsExactlyTheExpectedNumbersAndAReplayChangesNothing() {
        // Given a day of traffic: four conversations, one escalated, one answered by the fallback,
        // a rating changed later, and a message that arrives late for an earlier hour
        List<SpecificRecord> day = day();

        // When it is consumed
        day.forEach(this::publish);
        awaitAllConsumed();

        // Then the overview is exactly what the script implies
        Map<String, Object> overview = get("/api/v1/analytics/overview?" + DAY);
        assertOverview(overview);

        // And the hourly series puts the late message in its own hour, with exact percentiles per hour
        List<Map<String, Object>> series = web.get().uri("/api/v1/analytics/metrics?" + DAY + "&interval=hour")
                .headers(TOKENS.user("ops", "agent")).exchange().expectStatus().isOk()
                .expectBodyList(Map.class).returnResult().getResponseBody().stream()
                .map(m -> (Map<String, Object>) m).toList();
        assertThat(series).extracting(m -> m.get("messages")).containsExactly(2, 2, 1, 1);
        assertThat((Double) series.get(0).get("p95_ms")).isCloseTo(195.0, within(1e-9));

        // And intents and satisfaction agree with the script
        Map<String, Object> intents = get("/api/v1/analytics/intents?" + DAY);
        assertThat(intents.get("lowConfidenceShare")).isEqualTo(0.2);
        Map<String, Object> satisfaction = get("/api/v1/analytics/satisfaction?" + DAY);
        assertThat((List<?>) satisfaction.get("byAgent")).hasSize(2);

        // When the whole day is replayed (as after resetting the consumer group)
        day.forEach(this::publish);
        awaitAllConsumed();

        // Then nothing changes
        assertThat(get("/api/v1/analytics/overview?" + DAY)).isEqualTo(overview);

        // Given facts lost since (as after a faulty ingestion)
        db.sql("delete from replies").then().block(Duration.ofSeconds(10));
        assertThat(get("/api/v1/analytics/overview?" + DAY)).isNotEqualTo(overview);

        // When an admin rebuilds the facts from the topics (an agent may not)
        web.post().uri("/api/v1/analytics/admin/rebuild").headers(TOKENS.user("ops", "agent"))
                .exchange().expectStatus().isForbidden();
        // (deleting every fact is not a 5 s operation on a busy machine)
        web.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/api/v1/analytics/admin/rebuild").headers(TOKENS.user("root", "admin")).exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.status").isEqualTo("replaying")
                .jsonPath("$.partitions").value(p -> assertThat((Integer) p).isPositive());

        // Then the facts are read again and every report is what it was
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get("/api/v1/analytics/overview?" + DAY)).isEqualTo(overview);
            assertThat(get("/api/v1/analytics/intents?" + DAY)).isEqualTo(intents);
            assertThat(get("/api/v1/analytics/satisfaction?" + DAY)).isEqualTo(satisfaction);
        });
    }

    @Test
    void twoCustomersWhoNumberTheirMessagesAlikeAreBothCounted() {
        // Given two customers whose apps both call their first message "1" (message ids are scoped per customer)
        List<SpecificRecord> events = new ArrayList<>();
        turn(events, "1", "c-carol", "carol", "2026-11-22T09:00:00Z", "outage", Agent.tech_support, 0.9,
                ReplySource.knowledge_base, 120);
        turn(events, "1", "c-dave", "dave", "2026-11-22T09:05:00Z", "bill_explanation", Agent.billing, 0.8,
                ReplySource.knowledge_base, 140);
        events.forEach(event -> event.put(event.getSchema().getField("eventId").pos(), UUID.randomUUID().toString()));

        // When both are consumed
        events.forEach(this::publish);
        awaitAllConsumed();

        // Then each customer's message, classification and reply is counted
        String day = "from=2026-11-22T00:00:00Z&to=2026-11-23T00:00:00Z";
        assertThat(get("/api/v1/analytics/overview?" + day)).containsEntry("messages", 2)
                .containsEntry("replies", 2).containsEntry("activeUsers", 2);
        assertThat((List<Map<String, Object>>) get("/api/v1/analytics/intents?" + day).get("distribution"))
                .extracting(row -> row.get("intent")).containsExactlyInAnyOrder("outage", "bill_explanation");
    }

    @Test
    void customersMayNotReadAnalyticsAndBadParametersAreNamed() {
        web.get().uri("/api/v1/analytics/overview").headers(TOKENS.user("alice", "customer"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/analytics/metrics?interval=week").headers(TOKENS.user("ops", "admin")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("interval:"));
    }

    private void assertOverview(Map<String, Object> overview) {
        assertThat(overview.get("conversations")).isEqualTo(4);
        assertThat(overview.get("messages")).isEqualTo(6);
        assertThat(overview.get("activeUsers")).isEqualTo(3);
        assertThat(overview.get("replies")).isEqualTo(5);
        Map<String, Object> responseTime = (Map<String, Object>) overview.get("responseTimeMs");
        assertThat((Double) responseTime.get("avg")).isCloseTo(330.0, within(1e-9));
        assertThat((Double) responseTime.get("p50")).isCloseTo(200.0, within(1e-9));
        // percentile_cont over 50, 100, 200, 300, 1000: 300 + 0.8 * 700
        assertThat((Double) responseTime.get("p95")).isCloseTo(860.0, within(1e-9));
        assertThat(overview.get("kbAnswerRate")).isEqualTo(0.6);
        assertThat(overview.get("llmFallbackRate")).isEqualTo(0.2);
        assertThat(overview.get("escalationRate")).isEqualTo(0.25);
        assertThat(overview.get("containmentRate")).isEqualTo(0.75);
        assertThat(overview.get("ratings")).isEqualTo(2);
        assertThat(overview.get("csat")).isEqualTo(1.0);
        assertThat((List<Map<String, Object>>) overview.get("topIntents")).first()
                .satisfies(top -> assertThat(top).containsEntry("intent", "slow_internet").containsEntry("count", 2));
    }

    private List<SpecificRecord> day() {
        List<SpecificRecord> events = new ArrayList<>();
        turn(events, "m1", "c1", "alice", "09:00:00", "slow_internet", Agent.tech_support, 0.9, ReplySource.knowledge_base, 100);
        turn(events, "m2", "c1", "alice", "09:05:00", "slow_internet", Agent.tech_support, 0.8, ReplySource.knowledge_base, 200);
        turn(events, "m3", "c2", "bob", "10:00:00", "bill_explanation", Agent.billing, 0.7, ReplySource.knowledge_base, 300);
        turn(events, "m4", "c3", "alice", "11:00:00", "unknown", Agent.general, 0.1, ReplySource.fallback, 1000);
        turn(events, "m5", "c4", "carol", "15:00:00", "human_handoff", Agent.general, 0.95, ReplySource.escalation, 50);
        FallbackRequested fallback = stamp(new FallbackRequested(), "m4", "c3", "alice", "11:00:00");
        fallback.setContent("poem please");
        fallback.setIntent("unknown");
        fallback.setAgent(Agent.general);
        fallback.setConfidence(0.1);
        fallback.setPassages(List.of());
        fallback.setReason("no intent of the taxonomy matched");
        events.add(fallback);
        ConversationStatusChanged escalated = new ConversationStatusChanged();
        escalated.setEventId("status-c4");
        escalated.setConversationId("c4");
        escalated.setUserId("carol");
        escalated.setOccurredAt(at("15:00:01"));
        escalated.setStatus("escalated");
        escalated.setReason("customer asked for a person");
        events.add(escalated);
        events.add(rating("f1", "c1", "alice", 5, "12:00:00", Agent.tech_support, "slow_internet"));
        events.add(rating("f3", "c2", "bob", 4, "13:00:00", Agent.billing, "bill_explanation"));
        // bob's first, lower rating arrives after his newer one: the newer one stays
        events.add(rating("f2", "c2", "bob", 2, "12:00:00", Agent.billing, "bill_explanation"));
        // a message of the 10:00 hour that arrives last
        events.add(message("m6", "c2", "bob", "10:30:00"));
        return events;
    }

    private void turn(List<SpecificRecord> events, String messageId, String conversationId, String user, String time,
            String intent, Agent agent, double confidence, ReplySource source, long latencyMs) {
        events.add(message(messageId, conversationId, user, time));
        IntentClassified classified = stamp(new IntentClassified(), messageId, conversationId, user, time);
        classified.setContent("…");
        classified.setIntent(intent);
        classified.setAgent(agent);
        classified.setConfidence(confidence);
        classified.setCandidates(List.of());
        classified.setClassifierVersion("test");
        classified.setEmbedding(List.of());
        classified.setFrustration(0.0);
        events.add(classified);
        ChatReplied reply = stamp(new ChatReplied(), messageId, conversationId, user, time);
        reply.setReplyId("reply-" + messageId);
        reply.setContent("…");
        reply.setAgent(agent);
        reply.setIntent(intent);
        reply.setSource(source);
        reply.setConfidence(confidence);
        reply.setReferences(List.of());
        reply.setLatencyMs(latencyMs);
        events.add(reply);
    }

    private ChatMessageReceived message(String messageId, String conversationId, String user, String time) {
        ChatMessageReceived message = stamp(new ChatMessageReceived(), messageId, conversationId, user, time);
        message.setContent("…");
        message.setChannel("rest");
        return message;
    }

    private static FeedbackSubmitted rating(String eventId, String conversationId, String user, int rating, String time,
            Agent agent, String intent) {
        FeedbackSubmitted feedback = new FeedbackSubmitted();
        feedback.setEventId(eventId);
        feedback.setConversationId(conversationId);
        feedback.setUserId(user);
        feedback.setOccurredAt(at(time));
        feedback.setKind("conversation");
        feedback.setRating(rating);
        feedback.setResolved(rating >= 4);
        feedback.setAgent(agent);
        feedback.setIntent(intent);
        return feedback;
    }

    private static <T extends SpecificRecord> T stamp(T event, String messageId, String conversationId, String user,
            String time) {
        event.put(event.getSchema().getField("eventId").pos(), event.getClass().getSimpleName() + "-" + messageId);
        event.put(event.getSchema().getField("messageId").pos(), messageId);
        event.put(event.getSchema().getField("conversationId").pos(), conversationId);
        event.put(event.getSchema().getField("userId").pos(), user);
        event.put(event.getSchema().getField("occurredAt").pos(), at(time));
        event.put(event.getSchema().getField("receivedAt").pos(), at(time));
        event.put(event.getSchema().getField("replyTo").pos(), 0);
        return event;
    }

    /** A time of the scripted day (10:30:00), or any instant. */
    private static Instant at(String time) {
        return Instant.parse(time.contains("T") ? time : "2026-11-20T" + time + "Z");
    }

    private void publish(SpecificRecord event) {
        String conversationId = (String) event.get(event.getSchema().getField("conversationId").pos());
        var topic = Topics.ALL.stream().filter(t -> t.carries(event.getClass())).findFirst().orElseThrow();
        if (event instanceof ChatReplied) {
            publisher.await(publisher.reply(topic, 0, conversationId, event));
        } else {
            publisher.await(publisher.publish(topic, conversationId, event));
        }
    }

    /** Waits until analytics-service has committed every record on every topic it reads. */
    private void awaitAllConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin
                        .listConsumerGroupOffsets("analytics-service").partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
                for (String topic : TOPICS) {
                    for (int partition = 0; partition < PARTITIONS; partition++) {
                        latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                    }
                }
                admin.listOffsets(latest).all().get().forEach((partition, end) -> assertThat(
                        committed.containsKey(partition) ? committed.get(partition).offset() : 0L)
                        .as("%s", partition).isEqualTo(end.offset()));
            });
        }
    }

    private Map<String, Object> get(String uri) {
        return web.get().uri(uri).headers(TOKENS.user("ops", "agent")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }
}
