package dev.switchboard.feedback.rating;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.FeedbackSubmitted;
import dev.switchboard.feedback.ChatTopics;
import dev.switchboard.feedback.FeedbackServiceTest;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@FeedbackServiceTest
class FeedbackIT {

    static final TestIdentity TOKENS = TestIdentity.of("feedback-service");

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void theOwnerRatesRepliesAndTheConversationAndAgentsSeeTheSummary() {
        // Given alice's conversation with one billing reply, as the chat topics carried it
        ChatTopics.conversationWithReply(publisher, new Envelope("m-1", "conv-alice", "alice", 0, Instant.now()),
                "why is my bill higher", "r-1", "Your promotion ended.", Agent.billing, "bill_explanation");

        try (TopicRecorder feedbackEvents = new TopicRecorder(brokers, Topics.FEEDBACK_EVENTS.name())) {
            // When alice gives the reply a thumbs-down, then changes her mind
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> rate("alice", "r-1", false, "Too vague")
                    .expectStatus().isCreated());
            rate("alice", "r-1", true, null).expectStatus().isCreated();

            // (someone else's conversation and reply, existing as they do, answer 404 like unknown ones)
            rate("mallory", "r-1", false, "spam").expectStatus().isNotFound();
            rateConversation("mallory", "conv-alice", 1).expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

            // And rates the conversation twice
            rateConversation("alice", "conv-alice", 2).expectStatus().isCreated()
                    .expectBody().jsonPath("$.status").isEqualTo("recorded");
            rateConversation("alice", "conv-alice", 5).expectStatus().isCreated()
                    .expectBody().jsonPath("$.status").isEqualTo("updated");

            // Then every accepted feedback was announced with the reply's agent and intent
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(feedbackEvents.values(
                    FeedbackSubmitted.class, f -> "conv-alice".equals(f.getConversationId()))).hasSize(4)
                    .allSatisfy(f -> {
                        assertThat(f.getAgent()).isEqualTo(Agent.billing);
                        assertThat(f.getIntent()).isEqualTo("bill_explanation");
                        assertThat(f.getUserId()).isEqualTo("alice");
                    }));
        }

        // And the summary counts one rating per user and reply: the latest
        web.get().uri("/api/v1/feedback/summary").headers(TOKENS.user("carol", "agent"))
                .exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.conversations.count").isEqualTo(1)
                .jsonPath("$.conversations.averageRating").isEqualTo(5.0)
                .jsonPath("$.conversations.csat").isEqualTo(1.0)
                .jsonPath("$.replies.up").isEqualTo(1)
                .jsonPath("$.replies.down").isEqualTo(0)
                .jsonPath("$.byAgent[0].key").isEqualTo("billing")
                .jsonPath("$.byIntent[0].key").isEqualTo("bill_explanation");
    }

    @Test
    void invalidFeedbackNamesTheFieldAndAnonymousCallersAreRefused() {
        web.post().uri("/api/v1/feedback").headers(TOKENS.user("alice")).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("conversationId", "conv-alice", "rating", 6, "comment", "x".repeat(2001)))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.fields").isEqualTo(List.of("comment", "rating"));

        web.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("conversationId", "conv-alice", "rating", 3))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void customersCannotReadTheSummary() {
        web.get().uri("/api/v1/feedback/summary").headers(TOKENS.user("alice", "customer"))
                .exchange().expectStatus().isForbidden();
        web.get().uri("/api/v1/feedback/summary?from=yesterday").headers(TOKENS.user("carol", "admin")).exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("from:"));
    }

    private WebTestClient.ResponseSpec rate(String user, String replyId, boolean helpful, String reason) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("messageId", replyId, "helpful", helpful));
        if (reason != null) {
            body.put("reason", reason);
        }
        return web.post().uri("/api/v1/feedback/rating").headers(TOKENS.user(user))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec rateConversation(String user, String conversationId, int rating) {
        return web.post().uri("/api/v1/feedback").headers(TOKENS.user(user)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("conversationId", conversationId, "rating", rating, "resolved", rating >= 4))
                .exchange();
    }
}
