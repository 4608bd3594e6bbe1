package dev.switchboard.gateway.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.gateway.chat.ChatSocket;
import dev.switchboard.gateway.edge.RedisServer;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.io.IOException;
import java.nio.file.Path;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.utils.ContainerTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A customer's client that retries: the same customer sending the same message id again, over REST or WebSocket,
 * one after the other or at once, gets the first submission's reply, and the pipeline takes the message once, in one
 * conversation. Submissions are kept in Redis when a redis-server is installed (as replicas share them), else in the
 * gateway's memory.
 */
@GatewayServiceTest
@TestPropertySource(properties = {"switchboard.gateway.reply-timeout=3s", "switchboard.gateway.instance=2",
        "switchboard.gateway.submissions.take-over-after=1s"})
class IdempotentSubmissionIT {

    private static final Optional<Path> REDIS_BINARY = RedisServer.binary();
    private static RedisServer redis;

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    ScriptedPipeline pipeline;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    SubmissionProperties properties;

    @Autowired
    MeterRegistry meters;

    String alice;
    String bob;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) throws IOException {
        if (REDIS_BINARY.isPresent()) {
            redis = RedisServer.start(REDIS_BINARY.get());
            registry.add("switchboard.gateway.submissions.redis-url", redis::url);
        }
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void signIn() {
        ContainerTestUtils.waitForAssignment(listeners.getListenerContainer("scripted"),
                Topics.CHAT_INBOUND.partitions());
        alice = token("alice");
        bob = token("bob");
    }

    @Test
    void aRetryOfTheSameMessageGetsTheSameReplyInTheSameConversationAndIsProcessedOnce() {
        // Given a customer's first message, without a conversation, that was answered
        String id = id();
        Map<String, Object> first = post(alice, Map.of("id", id, "content", "my wifi drops"));

        // When the client sends it again (its connection dropped before it read the answer, say)
        Map<String, Object> retry = post(alice, Map.of("id", id, "content", "my wifi drops"));

        // Then it gets the same reply in the same conversation, and the pipeline took the message once
        assertThat(retry).isEqualTo(first);
        assertThat(first.get("content")).isEqualTo("answer to alice: my wifi drops");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> pipeline.taken("alice", id) == 1);
    }

    @Test
    void copiesSentAtOnceWaitForTheFirstAndAreProcessedOnce() {
        // Given five copies of one message posted at once, while the pipeline has not answered yet
        String id = id();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<Mono<Map>> copies = IntStream.range(0, 5).mapToObj(i -> client.post().uri("/api/v1/chat/messages")
                .headers(h -> h.setBearerAuth(alice)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "content", "hold the line")).retrieve().bodyToMono(Map.class).cache())
                .toList();
        copies.forEach(Mono::subscribe);
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.taken("alice", id) == 1);

        // When the pipeline answers the one message it took
        pipeline.answer(pipeline.the("alice", id));

        // Then every copy gets that one reply, and no copy reached the pipeline
        List<Map> replies = Flux.concat(copies).collectList().block(Duration.ofSeconds(10));
        assertThat(replies).hasSize(5).allSatisfy(reply -> {
            assertThat(reply.get("content")).isEqualTo("answer to alice: hold the line");
            assertThat(reply).isEqualTo(replies.get(0));
        });
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> pipeline.taken("alice", id) == 1);
    }

    @Test
    void aRetryOverTheWebSocketGetsTheReplyOfTheRestSubmission() {
        // Given a message answered over REST
        String id = id();
        Map<String, Object> first = post(alice, Map.of("id", id, "content", "no signal on the TV"));

        // When the same message comes again over the chat WebSocket
        try (ChatSocket socket = new ChatSocket(port, alice)) {
            socket.send(Map.of("id", id, "content", "no signal on the TV"));

            // Then the socket gets that reply and the pipeline took the message once
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.ofType("reply"))
                    .singleElement().satisfies(frame -> {
                        assertThat(frame.get("id")).isEqualTo(first.get("id"));
                        assertThat(frame.get("conversationId")).isEqualTo(first.get("conversationId"));
                    }));
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> pipeline.taken("alice", id) == 1);
    }

    @Test
    void copiesSentAtOnceOverTwoSocketsAndRestGetTheOneReplyOfTheOneProcessing() {
        try (ChatSocket phone = new ChatSocket(port, alice); ChatSocket reconnected = new ChatSocket(port, alice)) {
            // Given one message sent at once over a socket, the socket its client reconnected with, and REST
            String id = id();
            Map<String, Object> message = Map.of("id", id, "content", "hold, my line is dead");
            Mono<Map> rest = WebClient.create("http://localhost:" + port).post().uri("/api/v1/chat/messages")
                    .headers(h -> h.setBearerAuth(alice)).contentType(MediaType.APPLICATION_JSON).bodyValue(message)
                    .retrieve().bodyToMono(Map.class).cache();
            rest.subscribe();
            phone.send(message);
            reconnected.send(message);
            await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.taken("alice", id) == 1);

            // When the pipeline answers the one message it took
            ChatReplied reply = pipeline.answer(pipeline.the("alice", id));

            // Then each copy gets that reply once, in one conversation, and no copy reached the pipeline again
            Map<?, ?> answer = rest.block(Duration.ofSeconds(10));
            assertThat(answer.get("id")).isEqualTo(reply.getReplyId());
            assertThat(answer.get("conversationId")).isEqualTo(reply.getConversationId());
            for (ChatSocket socket : List.of(phone, reconnected)) {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.ofType("reply"))
                        .singleElement().satisfies(frame -> {
                            assertThat(frame.get("id")).isEqualTo(reply.getReplyId());
                            assertThat(frame.get("conversationId")).isEqualTo(reply.getConversationId());
                        }));
            }
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> pipeline.taken("alice", id) == 1);
        }
    }

    @Test
    void anotherCustomerUsingTheIdOfAMessageInFlightIsAnsweredAtOnceAndDoesNotAnswerIt() {
        // Given alice's message, not answered yet
        String id = id();
        Mono<Map> alices = WebClient.create("http://localhost:" + port).post().uri("/api/v1/chat/messages")
                .headers(h -> h.setBearerAuth(alice)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "content", "hold, two bills this month")).retrieve()
                .bodyToMono(Map.class).cache();
        alices.subscribe();
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.taken("alice", id) == 1);

        // When bob sends a message with the same id meanwhile
        Map<String, Object> bobs = post(bob, Map.of("id", id, "content", "my router blinks red"));

        // Then bob's is processed and answered as his own, without waiting for alice's, and alice's still gets hers
        assertThat(bobs.get("content")).isEqualTo("answer to bob: my router blinks red");
        assertThat(bobs.get("placeholder")).isEqualTo(false);
        assertThat(pipeline.taken("bob", id)).isEqualTo(1);
        ChatReplied alicesReply = pipeline.answer(pipeline.the("alice", id));
        Map<?, ?> alicesAnswer = alices.block(Duration.ofSeconds(10));
        assertThat(alicesAnswer.get("id")).isEqualTo(alicesReply.getReplyId());
        assertThat(alicesAnswer.get("conversationId")).isNotEqualTo(bobs.get("conversationId"));
        assertThat(pipeline.taken("alice", id)).isEqualTo(1);
    }

    @Test
    void anotherCustomersMessageWithTheSameIdIsAnotherMessage() {
        // Given alice's answered message
        String id = id();
        Map<String, Object> alices = post(alice, Map.of("id", id, "content", "my bill is wrong"));

        // When bob happens to send a message with the same id
        Map<String, Object> bobs = post(bob, Map.of("id", id, "content", "my router blinks red"));

        // Then bob's is processed as his own message, in his own conversation, and answered for him
        assertThat(bobs.get("content")).isEqualTo("answer to bob: my router blinks red");
        assertThat(bobs.get("conversationId")).isNotEqualTo(alices.get("conversationId"));
        assertThat(pipeline.taken("bob", id)).isEqualTo(1);
        assertThat(pipeline.taken("alice", id)).isEqualTo(1);
    }

    @Test
    void aLateRealReplyReplacesTheTimeoutPlaceholder() {
        // Given a message the pipeline answers only after the gateway's reply timeout: the customer got the placeholder
        String id = id();
        Map<String, Object> placeholder = post(alice, Map.of("id", id, "content", "hold on, slow one"));
        assertThat(placeholder.get("placeholder")).isEqualTo(true);
        assertThat(placeholder.get("source")).isEqualTo("fallback");

        // When the real reply arrives later
        var real = pipeline.answer(pipeline.the("alice", id));

        // Then a retry gets the real reply, not the placeholder, in the same conversation, and nothing ran twice
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> retry = post(alice, Map.of("id", id, "content", "hold on, slow one"));
            assertThat(retry.get("id")).isEqualTo(real.getReplyId());
            assertThat(retry.get("placeholder")).isEqualTo(false);
            assertThat(retry.get("conversationId")).isEqualTo(placeholder.get("conversationId"));
        });
        assertThat(pipeline.taken("alice", id)).isEqualTo(1);
    }

    @Test
    void aWebSocketClientThatGotThePlaceholderIsSentTheLateReplyToReplaceIt() {
        try (ChatSocket socket = new ChatSocket(port, alice)) {
            // Given a WebSocket message that got the placeholder
            String id = id();
            socket.send(Map.of("id", id, "content", "hold, this will be slow"));
            await().atMost(Duration.ofSeconds(10)).until(() -> socket.ofType("reply").size() == 1);
            assertThat(socket.ofType("reply").get(0).get("placeholder")).isEqualTo(true);

            // When the real reply arrives
            var real = pipeline.answer(pipeline.the("alice", id));

            // Then the socket gets it for the same message, marked as no placeholder, so the page replaces the other
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(socket.ofType("reply"))
                    .hasSize(2).last().satisfies(frame -> {
                        assertThat(frame.get("id")).isEqualTo(real.getReplyId());
                        assertThat(frame.get("messageId")).isEqualTo(id);
                        assertThat(frame.get("placeholder")).isEqualTo(false);
                    }));
        }
    }

    @Test
    void aRetryThroughAnotherReplicaWaitsForTheFirstReplicasReplyAndIsNotSentAgain() {
        assumeTrue(redis != null, "no redis-server installed: replicas share submissions only through Redis");
        try (RedisSubmissionStore store = new RedisSubmissionStore(properties, new SimpleMeterRegistry())) {
            // Given another gateway replica on the same Redis that took alice's message into the pipeline and waits
            // for its reply
            Submissions otherReplica = new Submissions(store, properties, new SimpleMeterRegistry());
            String id = id();
            assertThat(otherReplica.claim("alice", id, "conv-elsewhere").block(Duration.ofSeconds(5)).first()).isTrue();
            otherReplica.published("alice", id).block(Duration.ofSeconds(5));

            // When alice's client retries through this replica, and then, longer than the take-over time later, the
            // other replica receives the reply
            double waiting = repeatsInFlight();
            Mono<Map> retry = WebClient.create("http://localhost:" + port).post().uri("/api/v1/chat/messages")
                    .headers(h -> h.setBearerAuth(alice)).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("id", id, "content", "my modem is off")).retrieve().bodyToMono(Map.class)
                    .cache();
            retry.subscribe();
            await().atMost(Duration.ofSeconds(10)).until(() -> repeatsInFlight() > waiting);
            await().during(properties.takeOverAfter().plusMillis(500)).atMost(Duration.ofMillis(2500))
                    .until(() -> pipeline.taken("alice", id) == 0);
            ChatReplied reply = ScriptedPipeline.reply(new Envelope(id, "conv-elsewhere", "alice", 5, Instant.now()),
                    "answered on the other replica");
            otherReplica.arrived(reply);

            // Then the retry gets that reply, in that conversation, and this replica sent nothing into the pipeline
            Map<?, ?> answer = retry.block(Duration.ofSeconds(10));
            assertThat(answer.get("id")).isEqualTo(reply.getReplyId());
            assertThat(answer.get("conversationId")).isEqualTo("conv-elsewhere");
            assertThat(pipeline.taken("alice", id)).isZero();
        }
    }

    @Test
    void aRetryOfAMessageWhoseReplicaWentDownBeforePublishingItIsPublishedByThisReplicaOnce() {
        assumeTrue(redis != null, "no redis-server installed: replicas share submissions only through Redis");
        try (RedisSubmissionStore store = new RedisSubmissionStore(properties, new SimpleMeterRegistry())) {
            // Given another gateway replica on the same Redis that claimed alice's message and went down before the
            // broker had it
            String id = id();
            assertThat(new Submissions(store, properties, new SimpleMeterRegistry())
                    .claim("alice", id, "conv-elsewhere").block(Duration.ofSeconds(5)).first()).isTrue();
            double takenOver = meters.counter("gateway.submissions.taken.over").count();

            // When alice's client retries through this replica
            Map<String, Object> retry = post(alice, Map.of("id", id, "content", "my modem is off"));

            // Then this replica publishes it, once, in the first submission's conversation, and alice gets its real
            // reply instead of the timeout placeholder
            assertThat(pipeline.taken("alice", id)).isEqualTo(1);
            assertThat(pipeline.the("alice", id).getConversationId()).isEqualTo("conv-elsewhere");
            assertThat(retry.get("placeholder")).isEqualTo(false);
            assertThat(retry.get("conversationId")).isEqualTo("conv-elsewhere");
            assertThat(meters.counter("gateway.submissions.taken.over").count()).isEqualTo(takenOver + 1);

            // and a second retry gets that reply without publishing it again
            assertThat(post(alice, Map.of("id", id, "content", "my modem is off")).get("id")).isEqualTo(retry.get("id"));
            assertThat(pipeline.taken("alice", id)).isEqualTo(1);
        }
    }

    @Test
    void aRetryAfterThisReplicaWasDownGetsTheReplyThatCameMeanwhileAndIsNotSentAgain() {
        // Given alice's message in flight when this replica stopped reading its replies (killed, say)
        String id = id();
        WebClient.create("http://localhost:" + port).post().uri("/api/v1/chat/messages")
                .headers(h -> h.setBearerAuth(alice)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "content", "hold on, is there an outage")).retrieve().toBodilessEntity()
                .subscribe(null, error -> { });
        await().atMost(Duration.ofSeconds(10)).until(() -> pipeline.taken("alice", id) == 1);
        MessageListenerContainer replies = listeners.getListenerContainer("replies");
        replies.stop();
        ChatReplied real;
        try {
            // When the pipeline answers while it is down, and it then reads its partition again (restarted)
            real = pipeline.answer(pipeline.the("alice", id));
        } finally {
            replies.start();
        }

        // Then alice's retry gets that reply, in the first submission's conversation, and nothing was sent again
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Object> retry = post(alice, Map.of("id", id, "content", "hold on, is there an outage"));
            assertThat(retry.get("id")).isEqualTo(real.getReplyId());
            assertThat(retry.get("conversationId")).isEqualTo(real.getConversationId());
        });
        assertThat(pipeline.taken("alice", id)).isEqualTo(1);
    }

    private double repeatsInFlight() {
        return meters.counter("gateway.submissions.repeats", "first", "in_flight").count();
    }

    private Map<String, Object> post(String token, Map<String, Object> message) {
        return web.post().uri("/api/v1/chat/messages").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(message)
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
    }

    private String token(String user) {
        return (String) web.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", "switchboard")).exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    @SpringBootApplication(scanBasePackages = "dev.switchboard.gateway")
    @Import(ScriptedPipeline.class)
    static class TestApp {
    }

    /**
     * A stand-in for the pipeline that records every customer message it takes from chat.inbound and answers it on the
     * stamped reply partition, except messages starting with "hold", which wait until the test answers them.
     */
    static class ScriptedPipeline {

        final List<ChatMessageReceived> received = new CopyOnWriteArrayList<>();
        private final EventPublisher publisher;

        ScriptedPipeline(EventPublisher publisher) {
            this.publisher = publisher;
        }

        @KafkaListener(id = "scripted", topics = "chat.inbound", groupId = "scripted")
        void on(ChatMessageReceived message) {
            received.add(message);
            if (!message.getContent().startsWith("hold")) {
                answer(message);
            }
        }

        /** How many times the pipeline took this customer's message. */
        long taken(String userId, String messageId) {
            return received.stream()
                    .filter(m -> m.getUserId().equals(userId) && m.getMessageId().equals(messageId)).count();
        }

        ChatMessageReceived the(String userId, String messageId) {
            return received.stream().filter(m -> m.getUserId().equals(userId) && m.getMessageId().equals(messageId))
                    .findFirst().orElseThrow();
        }

        ChatReplied answer(ChatMessageReceived message) {
            Envelope envelope = Envelope.of(message);
            ChatReplied reply = reply(envelope, "answer to " + message.getUserId() + ": " + message.getContent());
            publisher.await(publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply));
            return reply;
        }

        static ChatReplied reply(Envelope envelope, String content) {
            ChatReplied reply = envelope.stamp(new ChatReplied());
            reply.setReplyId(UUID.randomUUID().toString());
            reply.setContent(content);
            reply.setAgent(Agent.tech_support);
            reply.setIntent("slow_internet");
            reply.setSource(ReplySource.knowledge_base);
            reply.setConfidence(0.9);
            reply.setReferences(List.of());
            reply.setLatencyMs(envelope.elapsedMillis());
            return reply;
        }
    }
}
