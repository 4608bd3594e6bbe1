package dev.switchboard.analytics.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.SecurityMatrix;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every endpoint of analytics-service against every kind of caller (issue 15, finding 1): only the gateway's internal
 * token counts, the reports are for agents and admins, and only an admin rebuilds (which deletes every fact before
 * reading the topics again).
 */
@AnalyticsServiceTest
class SecurityMatrixIT {

    static final TestIdentity TOKENS = TestIdentity.of("analytics-service");

    @Autowired
    WebTestClient web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    EventPublisher publisher;

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        // Given a message analytics has counted, and the overview of all time once nothing more arrives (the other
        // tests' events may still be coming in)
        long counted = messages(overview());
        ChatMessageReceived message = new Envelope("m-analytics-matrix", "conv-analytics-matrix", "alice", 0,
                Instant.now()).stamp(new ChatMessageReceived());
        message.setContent("my wifi drops");
        message.setChannel("rest");
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "conv-analytics-matrix", message));
        await().atMost(Duration.ofSeconds(60)).until(() -> messages(overview()) > counted);
        AtomicReference<String> previous = new AtomicReference<>();
        String before = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(this::overview, now -> now.equals(previous.getAndSet(now)));

        // When every route is called as every caller, Then each gets its status
        // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
        //          llm-fallback-service, gateway-service itself
        SecurityMatrix.of("analytics-service", "alice")
                .row(GET, "/api/v1/analytics/overview", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                .row(GET, "/api/v1/analytics/metrics", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                .row(GET, "/api/v1/analytics/intents", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                .row(GET, "/api/v1/analytics/satisfaction", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                .row(GET, "/api/v1/analytics/actions", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                .row(GET, "/api/v1/analytics/knowledge-gaps", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                .row(POST, "/api/v1/analytics/admin/rebuild", null, 401, 401, 401, 401, 403, 403, 403, 202, 403, 403)
                .row(GET, "/api/v1/analytics/admin/dead-letters/chat.replies.dlt", null,
                        401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                // a dead letter that does not exist: nothing is replayed, whoever asks
                .row(POST, "/api/v1/analytics/admin/dead-letters/chat.replies.dlt/0/999999/replay", null,
                        401, 401, 401, 401, 403, 403, 403, 404, 403, 403)
                .documentsAndActuator()
                .check(web, mappings, Map.of(
                        "/api/v1/analytics/admin/dead-letters/chat.replies.dlt",
                        "/api/v1/analytics/admin/dead-letters/{topic}",
                        "/api/v1/analytics/admin/dead-letters/chat.replies.dlt/0/999999/replay",
                        "/api/v1/analytics/admin/dead-letters/{topic}/{partition}/{offset}/replay"));

        // And the admin's rebuild, the only one that ran, read every fact back from the topics
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(overview()).isEqualTo(before));
    }

    private static long messages(String overview) {
        return JsonMapper.builder().build().readTree(overview).path("messages").asLong();
    }

    private String overview() {
        return web.get().uri("/api/v1/analytics/overview?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z")
                .headers(TOKENS.user("carol", "agent")).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
