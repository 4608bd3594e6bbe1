package dev.switchboard.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplyChunk;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway against a real broker, with a stand-in for the pipeline that answers each message on the reply
 * partition stamped into it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}", "switchboard.gateway.reply-timeout=2s",
        "switchboard.gateway.instance=3", "spring.profiles.active=dev"})
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
@AutoConfigureWebTestClient
@SuppressWarnings("unchecked")
class ChatGatewayIT {

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    JsonMapper json;

    String token;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @BeforeEach
    void signIn() {
        // the stand-in pipeline joins its consumer group asynchronously; messages sent before would time out
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("echo"), Topics.CHAT_INBOUND.partitions());
        token = (String) web.post().uri("/api/v1/auth/token").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    @Test
    void aRestMessageIsAnsweredThroughKafkaWithTheContractFields() {
        // Given a customer message with an id and no conversation yet
        String id = UUID.randomUUID().toString();

        // When it is posted
        Map<String, Object> reply = web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "content", "my internet is super slow tonight", "role", "user",
                        "timestamp", "2026-11-24T10:00:00Z"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        // Then the pipeline's answer comes back, routed via this instance's reply partition
        assertThat(reply).containsKeys("id", "conversationId", "content", "role", "agent", "intent", "source",
                "confidence", "references", "timestamp", "latencyMs");
        assertThat(reply.get("messageId")).isEqualTo(id);
        assertThat(reply.get("role")).isEqualTo("assistant");
        assertThat(reply.get("content")).isEqualTo("echo: my internet is super slow tonight (partition 3)");
        assertThat(reply.get("source")).isEqualTo("knowledge_base");
        assertThat((List<?>) reply.get("references")).hasSize(1);
        assertThat((String) reply.get("conversationId")).isNotBlank();
    }

    @Test
    void aMessageNobodyAnswersGetsAFallbackInsteadOfHanging() {
        Map<String, Object> reply = web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "silence please", "conversationId", "c-1"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(reply.get("source")).isEqualTo("fallback");
        assertThat(reply.get("conversationId")).isEqualTo("c-1");
        assertThat((String) reply.get("content")).contains("taking longer");
    }

    @Test
    void invalidMessagesAreRejectedNamingTheField() {
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "x".repeat(4001), "role", "assistant"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("content: size must be")
                        .contains("role: must be \"user\""))
                .jsonPath("$.fields").isEqualTo(List.of("content", "role"));

        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON).bodyValue("{not json")
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "hi", "timestamp", "yesterday"))
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("timestamp:"));
    }

    @Test
    void twoWebSocketClientsEachGetOnlyTheirOwnRepliesAndChunks() {
        // Given two clients sending interleaved messages
        List<String> aliceIds = List.of(id(), id(), id());
        List<String> bobIds = List.of(id(), id(), id());
        List<Map<String, Object>> aliceFrames = new CopyOnWriteArrayList<>();
        List<Map<String, Object>> bobFrames = new CopyOnWriteArrayList<>();

        // When both are connected at once
        Mono<Void> alice = converse(aliceIds, aliceFrames);
        Mono<Void> bob = converse(bobIds, bobFrames);
        Mono.when(alice, bob).block(Duration.ofSeconds(30));

        // Then each saw replies (and the streamed chunk) for its own messages only
        assertThat(replyIds(aliceFrames)).containsExactlyInAnyOrderElementsOf(aliceIds);
        assertThat(replyIds(bobFrames)).containsExactlyInAnyOrderElementsOf(bobIds);
        assertThat(aliceFrames).filteredOn(f -> "chunk".equals(f.get("type")))
                .extracting(f -> f.get("messageId")).containsExactlyInAnyOrderElementsOf(aliceIds);
    }

    @Test
    void anInvalidWebSocketFrameGetsAnErrorFrame() {
        List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/api/v1/chat/ws?access_token=" + token),
                session -> session.send(Mono.just(session.textMessage("{\"content\":\"\"}")))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).map(this::parse)
                                .doOnNext(frames::add).take(1))
                        .then())
                .block(Duration.ofSeconds(10));

        assertThat(frames).singleElement().satisfies(frame -> {
            assertThat(frame.get("type")).isEqualTo("error");
            assertThat((String) frame.get("detail")).contains("content");
        });
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedWithAClearDetail() {
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"content\":\"" + "x".repeat(100_000) + "\"}")
                .exchange().expectStatus().value(status -> assertThat(status).isIn(400, 413))
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isNotEmpty();
    }

    @Test
    void aConnectionSendingFasterThanTheLimitGetsErrorFramesForTheExcess() {
        List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/api/v1/chat/ws?access_token=" + token),
                session -> session.send(Flux.range(0, 8).map(i -> session.textMessage(json.writeValueAsString(
                                Map.of("id", id(), "content", "burst " + i)))))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).map(this::parse)
                                .doOnNext(frames::add).take(8))
                        .then())
                .block(Duration.ofSeconds(30));

        assertThat(frames).filteredOn(f -> "error".equals(f.get("type")))
                .isNotEmpty().allSatisfy(f -> assertThat(f.get("status")).isEqualTo(429));
        assertThat(frames).filteredOn(f -> "reply".equals(f.get("type"))).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void aWebSocketWithoutATokenIsRefused() {
        assertThatThrownBy(() -> new ReactorNettyWebSocketClient().execute(
                        URI.create("ws://localhost:" + port + "/api/v1/chat/ws"), session -> session.receive().then())
                .block(Duration.ofSeconds(10))).hasMessageContaining("401");
        web.get().uri("/api/v1/chat/ws").exchange().expectStatus().isUnauthorized();
    }

    private Mono<Void> converse(List<String> ids, List<Map<String, Object>> frames) {
        return new ReactorNettyWebSocketClient().execute(URI.create("ws://localhost:" + port + "/api/v1/chat/ws?access_token=" + token),
                session -> session.send(Flux.fromIterable(ids)
                                .map(id -> session.textMessage(json.writeValueAsString(
                                        Map.of("id", id, "content", "stream " + id, "role", "user")))))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).map(this::parse)
                                .doOnNext(frames::add)
                                .filter(f -> "reply".equals(f.get("type"))).take(ids.size()))
                        .then());
    }

    private Map<String, Object> parse(String text) {
        return json.readValue(text, Map.class);
    }

    private static List<Object> replyIds(List<Map<String, Object>> frames) {
        return frames.stream().filter(f -> "reply".equals(f.get("type"))).map(f -> (Object) f.get("messageId")).toList();
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @SpringBootApplication(scanBasePackages = "dev.switchboard.gateway")
    @Import(EchoPipeline.class)
    static class TestApp {
    }

    /** Answers every message except "silence please"; streams one chunk first for "stream ..." messages. */
    static class EchoPipeline {

        private final EventPublisher publisher;

        EchoPipeline(EventPublisher publisher) {
            this.publisher = publisher;
        }

        @KafkaListener(id = "echo", topics = "chat.inbound", groupId = "echo")
        void on(ChatMessageReceived message) {
            if (message.getContent().equals("silence please")) {
                return;
            }
            Envelope envelope = Envelope.of(message);
            if (message.getContent().startsWith("stream ")) {
                ReplyChunk chunk = envelope.stamp(new ReplyChunk());
                chunk.setSequence(0);
                chunk.setDelta("echo");
                chunk.setLast(true);
                publisher.await(publisher.reply(Topics.CHAT_REPLY_CHUNKS, envelope.replyTo(),
                        envelope.conversationId(), chunk));
            }
            ChatReplied reply = envelope.stamp(new ChatReplied());
            reply.setReplyId(UUID.randomUUID().toString());
            reply.setContent("echo: " + message.getContent() + " (partition " + envelope.replyTo() + ")");
            reply.setAgent(Agent.tech_support);
            reply.setIntent("slow_internet");
            reply.setSource(ReplySource.knowledge_base);
            reply.setConfidence(0.9);
            reply.setReferences(List.of(new KnowledgePassage("kb-1", "Speed", "slow_internet", "Restart.", 0.9)));
            reply.setLatencyMs(envelope.elapsedMillis());
            publisher.await(publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply));
        }
    }
}
