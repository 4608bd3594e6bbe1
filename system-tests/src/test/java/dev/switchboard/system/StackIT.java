package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The whole system, started with the local stack, used over REST and WebSocket like a customer would. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT {

    static final Set<String> AGENTS = Set.of("tech_support", "billing", "general");
    static final Set<String> SOURCES = Set.of("knowledge_base", "llm", "fallback", "escalation", "guardrail");

    @TempDir
    static Path dataDir;

    static RunningStack stack;
    static final Api api = new Api();
    static String aliceConversation;

    @BeforeAll
    static void startTheStack() {
        stack = RunningStack.start(dataDir);
    }

    @AfterAll
    static void stopTheStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void aRestMessageIsAnsweredWithEveryFieldOfTheContract() {
        // Given a customer with a token
        String token = api.token("alice");
        String id = UUID.randomUUID().toString();

        // When they send a message
        Api.Response response = api.post("/api/v1/chat/messages", token, Map.of("id", id,
                "content", "my internet is super slow tonight", "role", "user", "timestamp", Instant.now().toString()));

        // Then the reply has the contract's fields and came through the pipeline (not the gateway's timeout)
        assertThat(response.status()).isEqualTo(200);
        Map<String, Object> reply = response.body();
        assertContract(reply);
        assertThat(reply.get("messageId")).isEqualTo(id);
        assertThat((String) reply.get("content")).doesNotContain("taking longer than it should");
        assertThat(reply.get("agent")).isEqualTo("tech_support");
        assertThat(reply.get("intent")).isEqualTo("slow_internet");
        assertThat(reply.get("source")).isEqualTo("knowledge_base");

        // And a follow-up in the same conversation stays in it
        Api.Response followUp = api.post("/api/v1/chat/messages", token,
                Map.of("content", "it is still slow", "conversationId", reply.get("conversationId")));
        assertThat(followUp.body().get("conversationId")).isEqualTo(reply.get("conversationId"));
        aliceConversation = (String) reply.get("conversationId");

        // And the conversation reads back in order, replies with every field
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertConversationStored(token));
    }

    @Test
    @Order(2)
    void anOffTopicRequestGetsNoKnowledgeBaseAnswer() {
        Api.Response response = api.post("/api/v1/chat/messages", api.guestToken(),
                Map.of("content", "write me a poem about the ocean"));

        assertThat(response.status()).isEqualTo(200);
        assertContract(response.body());
        assertThat(response.body().get("source")).isNotEqualTo("knowledge_base");
        assertThat(response.body().get("intent")).isEqualTo("unknown");
    }

    @Test
    @Order(3)
    void aWebSocketMessageIsAnswered() {
        try (Api.ChatSocket socket = api.connect(api.guestToken())) {
            String id = UUID.randomUUID().toString();
            socket.send(Map.of("id", id, "content", "how do I pay my bill", "role", "user"));

            await().atMost(Duration.ofSeconds(40)).until(() -> !socket.replies().isEmpty());
            Map<String, Object> reply = socket.replies().get(0);
            assertContract(reply);
            assertThat(reply.get("messageId")).isEqualTo(id);
        }
    }

    @Test
    @Order(4)
    void twoConcurrentWebSocketClientsEachGetOnlyTheirOwnReplies() {
        try (Api.ChatSocket alice = api.connect(api.token("alice")); Api.ChatSocket bob = api.connect(api.token("bob"))) {
            List<String> aliceIds = new ArrayList<>();
            List<String> bobIds = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                aliceIds.add(send(alice, "my wifi keeps dropping " + i));
                bobIds.add(send(bob, "why did my bill go up " + i));
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alice.replies().size() >= 5 && bob.replies().size() >= 5);
            assertThat(alice.replies()).extracting(r -> r.get("messageId")).containsExactlyInAnyOrderElementsOf(aliceIds);
            assertThat(bob.replies()).extracting(r -> r.get("messageId")).containsExactlyInAnyOrderElementsOf(bobIds);
        }
    }

    @Test
    @Order(100)
    void stoppingLeavesNoProcessAndASecondRunOnTheSameDataWorks() {
        // When the stack is stopped like Ctrl-C would
        List<ProcessHandle> started = stack.processes();
        assertThat(started).hasSizeGreaterThan(7);
        stack.close();

        // Then nothing it started is left
        assertThat(started).noneMatch(ProcessHandle::isAlive);

        // And it starts again on the same data, with alice's conversation still there, and answers
        stack = RunningStack.start(dataDir);
        assertConversationStored(api.token("alice"));
        Api.Response response = api.post("/api/v1/chat/messages", api.guestToken(),
                Map.of("content", "hello there"));
        assertThat(response.status()).isEqualTo(200);
        assertContract(response.body());
    }

    @SuppressWarnings("unchecked")
    private static void assertConversationStored(String token) {
        Api.Response conversation = api.get("/api/v1/chat/conversations/" + aliceConversation, token);
        assertThat(conversation.status()).isEqualTo(200);
        List<Map<String, Object>> messages = (List<Map<String, Object>>) conversation.body().get("messages");
        assertThat(messages).extracting(m -> m.get("role")).containsExactly("user", "assistant", "user", "assistant");
        assertThat(messages.get(0).get("content")).isEqualTo("my internet is super slow tonight");
        assertThat(messages.get(1)).containsKeys("agent", "intent", "source", "confidence", "references",
                "timestamp", "latencyMs", "inReplyTo");
        assertThat(messages.get(1).get("inReplyTo")).isEqualTo(messages.get(0).get("id"));
        Api.Response list = api.get("/api/v1/chat/conversations", token);
        assertThat((List<Map<String, Object>>) list.body().get("content")).extracting(c -> c.get("id"))
                .contains(aliceConversation);
    }

    private static String send(Api.ChatSocket socket, String content) {
        String id = UUID.randomUUID().toString();
        socket.send(Map.of("id", id, "content", content, "role", "user"));
        return id;
    }

    private static void assertContract(Map<String, Object> reply) {
        assertThat(reply).containsKeys("id", "conversationId", "content", "role", "agent", "intent", "source",
                "confidence", "references", "timestamp", "latencyMs");
        assertThat(reply.get("role")).isEqualTo("assistant");
        assertThat((String) reply.get("content")).isNotBlank();
        assertThat(AGENTS).contains((String) reply.get("agent"));
        assertThat(SOURCES).contains((String) reply.get("source"));
        assertThat(reply.get("intent")).isInstanceOf(String.class);
        assertThat(reply.get("confidence")).isInstanceOf(Number.class);
        assertThat(reply.get("references")).isInstanceOf(List.class);
        assertThat(reply.get("latencyMs")).isInstanceOf(Number.class);
    }
}
