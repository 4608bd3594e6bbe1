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
import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.gateway.replies.PendingReplies;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The gateway against a real broker, with a stand-in for the pipeline that answers each message on the reply
 * partition stamped into it.
 */
@GatewayServiceTest
@TestPropertySource(properties = {"switchboard.gateway.reply-timeout=2s", "switchboard.gateway.instance=3",
        "switchboard.gateway.max-in-flight=" + ChatGatewayIT.MAX_IN_FLIGHT})
@SuppressWarnings("unchecked")
class ChatGatewayIT {

    static final int MAX_IN_FLIGHT = 10;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    String token;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    PendingReplies pending;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @BeforeEach
    void signIn() {
        // the stand-in pipeline joins its consumer group asynchronously; messages sent before would time out
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("echo"), Topics.CHAT_INBOUND.partitions());
        token = guestToken(web);
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
    void theRecordPublishedForAMessageCarriesTheTraceOfItsHttpRequest() {
        // Given a request that continues a caller's trace
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String id = UUID.randomUUID().toString();

        // When its message is posted
        web.post().uri("/api/v1/chat/messages").headers(h -> {
            h.setBearerAuth(token);
            h.set("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        }).contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", id, "content", "my wifi keeps dropping"))
                .exchange().expectStatus().isOk();

        // Then the pipeline got it in that trace: the send restored the request's observation
        assertThat(EchoPipeline.TRACEPARENTS.get(id)).startsWith("00-" + traceId + "-");
    }

    @Test
    void repliesAreReadWithoutCommittingOffsets() throws Exception {
        // Given a message answered through this instance's reply partition
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", UUID.randomUUID().toString(), "content", "is there an outage in my area",
                        "role", "user", "timestamp", "2026-11-24T10:00:00Z"))
                .exchange().expectStatus().isOk();

        // Then the reply listener's group never holds a committed offset: the listener seeks on every assignment, so
        // a commit would be a broker request per reply that nothing reads
        String group = listeners.getListenerContainer("replies").getGroupId();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> admin
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty());
        }
    }

    @Test
    void aMessageNobodyAnswersGetsAFallbackInsteadOfHanging() {
        String conversation = startConversation(token);
        Map<String, Object> reply = web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "silence please", "conversationId", conversation))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        assertThat(reply.get("source")).isEqualTo("fallback");
        assertThat(reply.get("conversationId")).isEqualTo(conversation);
        assertThat((String) reply.get("content")).contains("taking longer");
    }

    @Test
    void aConversationStartedAheadIsContinuedByItsOwnerOnly() {
        // Given a conversation a customer starts before the first message
        String conversation = startConversation(token);

        // When the customer sends into it, and another customer tries to
        Map<String, Object> reply = web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "my internet is slow", "conversationId", conversation))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        String other = guestToken(web);
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(other))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("content", "my internet is slow", "conversationId", conversation))
                .exchange().expectStatus().isForbidden();

        // Then the owner's message is answered in it; each start is a different conversation
        assertThat(reply.get("conversationId")).isEqualTo(conversation);
        assertThat(startConversation(token)).isNotEqualTo(conversation);
    }

    @Test
    void aMessageIntoAnotherCustomersConversationIsRefusedBeforeThePipelineSeesIt() {
        // Given a customer's conversation
        String conversation = (String) web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "my internet is slow"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody()
                .get("conversationId");

        // When another customer sends into it over REST and over the WebSocket, and into an id of their own making
        String other = guestToken(web);
        String overRest = id();
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(other))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", overRest, "content", "escalate this", "conversationId", conversation))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.fields").isEqualTo(List.of("conversationId"))
                .jsonPath("$.title").isEqualTo("Not your conversation");
        String madeUp = id();
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(other))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", madeUp, "content", "hello", "conversationId", "c-1"))
                .exchange().expectStatus().isForbidden();
        String overSocket = id();
        try (ChatSocket socket = new ChatSocket(port, other)) {
            socket.send(Map.of("id", overSocket, "content", "escalate this", "conversationId", conversation));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.ofType("error"))
                    .singleElement().satisfies(frame -> {
                        assertThat(frame.get("messageId")).isEqualTo(overSocket);
                        assertThat(frame.get("status")).isEqualTo(403);
                    }));
        }

        // Then none of them reached the pipeline, while the same customer's next message without an id does
        String next = id();
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(other))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", next, "content", "hello"))
                .exchange().expectStatus().isOk();
        assertThat(EchoPipeline.SEEN).contains(next).doesNotContain(overRest, madeUp, overSocket);
    }

    @Test
    void whenTooManyMessagesAreInFlightTheNextIsRefusedAtOnceWithRetryAfterAndTheGatewayRecovers() {
        // Given a message answered earlier, and as many messages in flight as the gateway takes, none of which the
        // pipeline answers
        String answeredEarlier = id();
        Map<String, Object> earlierReply = post(answeredEarlier, "my router blinks orange").expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<Mono<String>> waiting = IntStream.range(0, MAX_IN_FLIGHT).mapToObj(i -> client.post()
                .uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "silence please"))
                .retrieve().bodyToMono(String.class).cache()).toList();
        waiting.forEach(Mono::subscribe);
        await().atMost(Duration.ofSeconds(10)).until(() -> pending.size() == MAX_IN_FLIGHT);

        // When one more arrives, it is refused at once with 503, Retry-After (drawn between 1 and 10 s, AdmissionTest)
        // and a problem naming the cause
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "my internet is down"))
                .exchange().expectStatus().isEqualTo(503)
                .expectHeader().value("Retry-After", seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 10))
                .expectBody().jsonPath("$.title").isEqualTo("Chat busy");
        // but the message answered earlier, sent again, gets its reply and does not reach the pipeline again
        post(answeredEarlier, "my router blinks orange").expectStatus().isOk().expectBody()
                .jsonPath("$.content").isEqualTo(earlierReply.get("content"))
                .jsonPath("$.conversationId").isEqualTo(earlierReply.get("conversationId"));
        assertThat(EchoPipeline.RECEIVED).filteredOn(answeredEarlier::equals).hasSize(1);
        // and over the WebSocket with an error frame that says when to send it again
        try (ChatSocket socket = new ChatSocket(port, token)) {
            String id = id();
            socket.send(Map.of("id", id, "content", "my internet is down"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.ofType("error"))
                    .singleElement().satisfies(frame -> {
                        assertThat(frame.get("messageId")).isEqualTo(id);
                        assertThat(frame.get("status")).isEqualTo(503);
                        assertThat((Integer) frame.get("retryAfter")).isBetween(1, 10);
                    }));
        }

        // Then once those are answered (by the reply timeout here), messages are taken again
        waiting.forEach(Mono::block);
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("content", "my internet is down"))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.content").isEqualTo("echo: my internet is down (partition 3)");
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
    void aBodyOverTheConfiguredLimitIsRefusedWith413NamingTheLimit() {
        // Given bodies just over the configured 64KB and far over the codecs' own default of 256KB
        for (int size : List.of(70 * 1024, 300 * 1024)) {
            // When each is posted as a chat message
            web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"content\":\"" + "x".repeat(size) + "\"}")
                    .exchange()
                    // Then it is refused as too large, saying what the limit is
                    .expectStatus().isEqualTo(413)
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("64KB"));
        }

        // And a body streamed without a Content-Length is refused once it passes the limit
        String kilobyte = "x".repeat(1024);
        web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .body(BodyInserters.fromDataBuffers(Flux.concat(Flux.just("{\"content\":\""),
                        Flux.range(0, 70).map(i -> kilobyte), Flux.just("\"}"))
                        .map(part -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8)))))
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("64KB"));
    }

    @Test
    void aWebSocketMessageOverTheLimitClosesTheConnectionUnanswered() {
        // Given an open chat connection
        try (ChatSocket socket = new ChatSocket(port, token)) {
            // When a message larger than the 16,384 bytes allowed is sent (the client sends it in fragments)
            socket.send("{\"content\":\"" + "x".repeat(20_000) + "\"}");

            // Then the server closes the connection as too big (1009), saying the limit, and answers nothing
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.ended)
                    .isEqualTo("closed by the server: 1009 a message may be at most 16384 bytes"));
            assertThat(socket.frames).isEmpty();
        }
    }

    @Test
    void twoWebSocketClientsEachGetOnlyTheirOwnRepliesAndChunks() {
        // Given two clients sending interleaved messages
        List<String> aliceIds = List.of(id(), id(), id());
        List<String> bobIds = List.of(id(), id(), id());
        try (ChatSocket alice = new ChatSocket(port, token); ChatSocket bob = new ChatSocket(port, token)) {
            for (int i = 0; i < 3; i++) {
                alice.send(Map.of("id", aliceIds.get(i), "content", "stream " + aliceIds.get(i), "role", "user"));
                bob.send(Map.of("id", bobIds.get(i), "content", "stream " + bobIds.get(i), "role", "user"));
            }

            // Then each sees replies (and the streamed chunk) for its own messages only
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(alice.ofType("reply")).extracting(f -> f.get("messageId"))
                        .containsExactlyInAnyOrderElementsOf(aliceIds);
                assertThat(bob.ofType("reply")).extracting(f -> f.get("messageId"))
                        .containsExactlyInAnyOrderElementsOf(bobIds);
            });
            assertThat(alice.ofType("chunk")).extracting(f -> f.get("messageId"))
                    .containsExactlyInAnyOrderElementsOf(aliceIds);
        }
    }

    @Test
    void anInvalidWebSocketFrameGetsAnErrorFrame() {
        try (ChatSocket socket = new ChatSocket(port, token)) {
            socket.send("{\"content\":\"\"}");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.frames)
                    .as("frames of a socket that is %s", socket.ended).singleElement()
                    .satisfies(frame -> {
                        assertThat(frame.get("type")).isEqualTo("error");
                        assertThat((String) frame.get("detail")).contains("content");
                    }));
        }
    }

    @Test
    void aConnectionSendingFasterThanTheLimitGetsErrorFramesForTheExcessNamingEachAndWhenToSendItAgain() {
        try (ChatSocket socket = new ChatSocket(port, token)) {
            // 20 messages in well under the 3 s it takes to refill 5 + 15 tokens at 5 per second
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ids.add(id());
                socket.send(Map.of("id", ids.get(i), "content", "burst " + i));
            }

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(socket.frames).hasSize(20));
            assertThat(socket.ofType("error")).isNotEmpty().allSatisfy(f -> {
                assertThat(f.get("status")).isEqualTo(429);
                assertThat(ids).contains((String) f.get("messageId"));
                assertThat(f.get("retryAfter")).isEqualTo(1);
            });
            assertThat(socket.ofType("reply")).hasSizeGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void aWebSocketWithoutATokenIsRefused() {
        assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/chat/ws"), new WebSocket.Listener() { })
                .join()).hasCauseInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode())
                        .isEqualTo(401));
        web.get().uri("/api/v1/chat/ws").exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec post(String id, String content) {
        return web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", id, "content", content)).exchange();
    }

    private String startConversation(String bearer) {
        return (String) web.post().uri("/api/v1/chat/conversations").headers(h -> h.setBearerAuth(bearer)).exchange()
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody()
                .get("conversationId");
    }

    /** A new guest's bearer token, from the development issuer: for this package's tests. */
    static String guestToken(WebTestClient web) {
        return (String) web.post().uri("/api/v1/auth/token").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
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

        /** The id of every message the pipeline was given. */
        static final Set<String> SEEN = ConcurrentHashMap.newKeySet();
        /** The same, once per time it was given. */
        static final List<String> RECEIVED = new CopyOnWriteArrayList<>();
        /** The W3C trace header of each message's record, by message id. */
        static final Map<String, String> TRACEPARENTS = new ConcurrentHashMap<>();

        private final EventPublisher publisher;

        EchoPipeline(EventPublisher publisher) {
            this.publisher = publisher;
        }

        @KafkaListener(id = "echo", topics = "chat.inbound", groupId = "echo")
        void on(ChatMessageReceived message, @Header(name = "traceparent", required = false) String traceparent) {
            if (traceparent != null) {
                TRACEPARENTS.put(message.getMessageId(), traceparent);
            }
            SEEN.add(message.getMessageId());
            RECEIVED.add(message.getMessageId());
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
