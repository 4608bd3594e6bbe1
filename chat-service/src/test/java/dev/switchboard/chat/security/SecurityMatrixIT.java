package dev.switchboard.chat.security;

import static org.awaitility.Awaitility.await;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.chat.ChatServiceTest;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.SecurityMatrix;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of chat-service against every kind of caller (issue 15, findings 1 and 2): only the gateway's
 * internal token counts, a customer sees only their own conversation, and the history is for llm-fallback-service.
 */
@ChatServiceTest
class SecurityMatrixIT {

    static final String CONVERSATION = "/api/v1/chat/conversations/conv-matrix";
    static final String HISTORY = "/internal/v1/conversations/conv-matrix/history?userId=alice";

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        // Given alice's conversation
        ChatMessageReceived message = new Envelope("m-matrix", "conv-matrix", "alice", 0, Instant.now())
                .stamp(new ChatMessageReceived());
        message.setContent("my account number is 12345678");
        message.setChannel("rest");
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, "conv-matrix", message));
        WebTestClient patient = SecurityMatrix.patient(web);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> patient.get().uri(CONVERSATION)
                .headers(TestIdentity.of("chat-service").user("alice")).exchange().expectStatus().isOk());

        // When every route is called as every caller, Then each gets its status
        // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
        //          llm-fallback-service, gateway-service itself
        SecurityMatrix.of("chat-service", "alice")
                .row(GET, "/api/v1/chat/conversations", null, 401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(GET, CONVERSATION, null, 401, 401, 401, 401, 200, 404, 404, 200, 403, 403)
                .row(GET, CONVERSATION + "/messages", null, 401, 401, 401, 401, 200, 404, 404, 200, 403, 403)
                .row(GET, HISTORY, null, 401, 401, 401, 401, 403, 403, 403, 403, 200, 403)
                .row(GET, "/api/v1/profile", null, 401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(PATCH, "/api/v1/profile", "{\"displayName\":\"A\"}",
                        401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(POST, CONVERSATION + "/close", null, 401, 401, 401, 401, 200, 404, 404, 200, 403, 403)
                .documentsAndActuator()
                .check(web, mappings, Map.of(
                        CONVERSATION, "/api/v1/chat/conversations/{id}",
                        CONVERSATION + "/messages", "/api/v1/chat/conversations/{id}/messages",
                        CONVERSATION + "/close", "/api/v1/chat/conversations/{id}/close",
                        HISTORY, "/internal/v1/conversations/{id}/history"));
    }
}
