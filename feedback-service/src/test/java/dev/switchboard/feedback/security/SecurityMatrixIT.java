package dev.switchboard.feedback.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.events.Agent;
import dev.switchboard.events.FeedbackSubmitted;
import dev.switchboard.feedback.ChatTopics;
import dev.switchboard.feedback.FeedbackServiceTest;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.SecurityMatrix;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of feedback-service against every kind of caller (issue 15, finding 1): only the gateway's internal
 * token counts, only the owner rates a conversation or reply (others get 404, as for one that does not exist), and
 * the summary is for agents and admins.
 */
@FeedbackServiceTest
class SecurityMatrixIT {

    static final String CONVERSATION = "conv-feedback-matrix";
    static final String REPLY = "r-feedback-matrix";

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        // Given alice's conversation with one reply, as the chat topics carried it
        ChatTopics.conversationWithReply(publisher, new Envelope("m-feedback-matrix", CONVERSATION, "alice", 0,
                Instant.now()), "my wifi drops", REPLY, "Restart the router.", Agent.tech_support,
                "wifi_troubleshooting");
        String rating = "{\"messageId\":\"" + REPLY + "\",\"helpful\":true}";
        WebTestClient patient = SecurityMatrix.patient(web);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> patient.post().uri("/api/v1/feedback/rating")
                .headers(TestIdentity.of("feedback-service").user("alice"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(rating)
                .exchange().expectStatus().isCreated());

        try (TopicRecorder feedbackEvents = new TopicRecorder(brokers, Topics.FEEDBACK_EVENTS.name())) {
            // When every route is called as every caller, Then each gets its status
            // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
            //          llm-fallback-service, gateway-service itself
            SecurityMatrix.of("feedback-service", "alice")
                    .row(POST, "/api/v1/feedback", "{\"conversationId\":\"" + CONVERSATION + "\",\"rating\":4}",
                            401, 401, 401, 401, 201, 404, 404, 404, 403, 403)
                    .row(POST, "/api/v1/feedback/rating", rating, 401, 401, 401, 401, 201, 404, 404, 404, 403, 403)
                    .row(GET, "/api/v1/feedback/summary", null, 401, 401, 401, 401, 403, 403, 200, 200, 403, 403)
                    .documentsAndActuator()
                    .check(web, mappings, Map.of());

            // And the refused calls changed nothing: the only feedback on this conversation is alice's (the first
            // rating above, then one of each kind in the matrix)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedbackEvents.values(
                    FeedbackSubmitted.class, f -> CONVERSATION.equals(f.getConversationId())))
                    .hasSize(3).allSatisfy(f -> assertThat(f.getUserId()).isEqualTo("alice")));
        }
    }
}
