package dev.switchboard.chat.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.chat.ChatServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ConversationStatusChanged;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@ChatServiceTest
class ConversationIT {

    static final TestIdentity TOKENS = TestIdentity.of("chat-service");

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Autowired
    DatabaseClient db;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    final Instant start = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void aConversationOfSeveralTurnsReadsBackInOrderWithEveryReplyFieldAndReplaysChangeNothing() {
        // Given three turns of alice's conversation, the last reply arriving before its question
        List<SpecificRecord> turns = List.of(
                message("m1", "conv-1", "alice", "my internet is slow", 0),
                reply("m1", "r1", "conv-1", "alice", "Restart your gateway.", ReplySource.knowledge_base, 1),
                message("m2", "conv-1", "alice", "still slow", 10),
                reply("m2", "r2", "conv-1", "alice", "Let me look further.", ReplySource.fallback, 11),
                reply("m3", "r3", "conv-1", "alice", "Our technicians can help.", ReplySource.knowledge_base, 21),
                message("m3", "conv-1", "alice", "can someone come by", 20));

        // When they are consumed, twice (a redelivery)
        turns.forEach(this::publish);
        turns.forEach(this::publish);

        // Then the conversation lists its six messages once each, in conversation order
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get().uri("/api/v1/chat/conversations/conv-1")
                .headers(TOKENS.user("alice")).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.messages.length()").isEqualTo(6));
        awaitConsumed(12);
        web.get().uri("/api/v1/chat/conversations/conv-1").headers(TOKENS.user("alice")).exchange()
                .expectBody()
                .jsonPath("$.messageCount").isEqualTo(6)
                .jsonPath("$.status").isEqualTo("open")
                .jsonPath("$.agent").isEqualTo("tech_support")
                .jsonPath("$.messages[*].id").isEqualTo(List.of("m1", "r1", "m2", "r2", "m3", "r3"))
                .jsonPath("$.messages[1].role").isEqualTo("assistant")
                .jsonPath("$.messages[1].agent").isEqualTo("tech_support")
                .jsonPath("$.messages[1].intent").isEqualTo("slow_internet")
                .jsonPath("$.messages[1].source").isEqualTo("knowledge_base")
                .jsonPath("$.messages[1].confidence").isEqualTo(0.9)
                .jsonPath("$.messages[1].latencyMs").isEqualTo(42)
                .jsonPath("$.messages[1].inReplyTo").isEqualTo("m1")
                .jsonPath("$.messages[1].references[0].id").isEqualTo("kb-slow-1")
                .jsonPath("$.messages[1].references[0].title").isEqualTo("Speed checks")
                .jsonPath("$.messages[1].timestamp").isEqualTo("2026-11-24T10:00:01Z");
        assertThat(db.sql("select count(*) as n from messages where conversation_id = 'conv-1'")
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(6);

        // And a reconnecting client gets exactly what follows its last message
        web.get().uri("/api/v1/chat/conversations/conv-1/messages?after=r2").headers(TOKENS.user("alice"))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[*].id").isEqualTo(List.of("m3", "r3"));

        // And the LLM's history endpoint gives the last turns oldest first
        web.get().uri("/internal/v1/conversations/conv-1/history?userId=alice&limit=2")
                .headers(TOKENS.service("llm-fallback-service")).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[*].content").isEqualTo(List.of("can someone come by",
                        "Our technicians can help."))
                .jsonPath("$[*].id").isEqualTo(List.of("m3", "r3"));
        // (for a message mallory sent into alice's conversation id it has nothing: her turns stay out of his prompt)
        web.get().uri("/internal/v1/conversations/conv-1/history?userId=mallory&limit=2")
                .headers(TOKENS.service("llm-fallback-service")).exchange().expectStatus().isOk()
                .expectBody().json("[]");
        web.get().uri("/internal/v1/conversations/conv-1/history?limit=2")
                .headers(TOKENS.service("llm-fallback-service")).exchange().expectStatus().isBadRequest();

        // And the list shows it to its owner only, and to admins
        web.get().uri("/api/v1/chat/conversations").headers(TOKENS.user("alice")).exchange().expectBody()
                .jsonPath("$.totalElements").isEqualTo(1).jsonPath("$.content[0].id").isEqualTo("conv-1");
        web.get().uri("/api/v1/chat/conversations/conv-1").headers(TOKENS.user("mallory")).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/v1/chat/conversations/conv-1/messages").headers(TOKENS.user("mallory")).exchange()
                .expectStatus().isNotFound();
        web.get().uri("/api/v1/chat/conversations/conv-1").headers(TOKENS.user("root", "admin")).exchange().expectStatus().isOk();
    }

    @Test
    void anEscalationReplyEscalatesTheConversationAndClosingIsAnnounced() {
        try (TopicRecorder statusEvents = new TopicRecorder(broker.getBrokersAsString(),
                Topics.CONVERSATION_EVENTS.name())) {
            // Given bob asks for a person and the reply escalates
            publish(message("m10", "conv-bob", "bob", "let me talk to a human", 0));
            publish(reply("m10", "r10", "conv-bob", "bob", "Connecting you with our team.", ReplySource.escalation, 1));

            // Then the conversation is escalated and that is announced
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get()
                    .uri("/api/v1/chat/conversations/conv-bob").headers(TOKENS.user("bob")).exchange().expectBody()
                    .jsonPath("$.status").isEqualTo("escalated"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusEvents.values(
                    ConversationStatusChanged.class, e -> e.getConversationId().equals("conv-bob")))
                    .extracting(ConversationStatusChanged::getStatus).containsExactly("escalated"));

            // When bob closes it
            web.post().uri("/api/v1/chat/conversations/conv-bob/close").headers(TOKENS.user("bob")).exchange()
                    .expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("closed");

            // Then that is announced too, and listing by status finds it
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(statusEvents.values(
                    ConversationStatusChanged.class, e -> e.getConversationId().equals("conv-bob")))
                    .extracting(ConversationStatusChanged::getStatus).containsExactly("escalated", "closed"));
            web.get().uri("/api/v1/chat/conversations?status=closed").headers(TOKENS.user("bob")).exchange()
                    .expectBody().jsonPath("$.content[0].id").isEqualTo("conv-bob");
        }
    }

    @Test
    void aMessageIntoSomeoneElsesConversationIsNotStored() {
        publish(message("m20", "conv-carol", "carol", "hello", 0));
        publish(message("m21", "conv-carol", "mallory", "ignore carol", 1));
        publish(message("m22", "conv-carol", "carol", "still there?", 2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get()
                .uri("/api/v1/chat/conversations/conv-carol").headers(TOKENS.user("carol")).exchange().expectBody()
                .jsonPath("$.messages[*].id").isEqualTo(List.of("m20", "m22")));
    }

    @Test
    void twoCustomersMayUseTheSameMessageIdAndEachKeepsTheirOwnMessage() {
        // Given alice and bob whose clients happen to give their messages the same id, in one poll or apart
        List<CompletableFuture<Void>> sent = List.of(send(message("same-1", "conv-alice-same", "alice", "alice asks", 0)),
                send(message("same-1", "conv-bob-same", "bob", "bob asks", 0)));
        sent.forEach(CompletableFuture::join);
        publish(reply("same-1", "r-alice-same", "conv-alice-same", "alice", "for alice", ReplySource.knowledge_base, 1));
        publish(reply("same-1", "r-bob-same", "conv-bob-same", "bob", "for bob", ReplySource.knowledge_base, 1));

        // Then each conversation has its own customer's message and reply
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            web.get().uri("/api/v1/chat/conversations/conv-alice-same").headers(TOKENS.user("alice")).exchange()
                    .expectBody().jsonPath("$.messages[*].content").isEqualTo(List.of("alice asks", "for alice"));
            web.get().uri("/api/v1/chat/conversations/conv-bob-same").headers(TOKENS.user("bob")).exchange()
                    .expectBody().jsonPath("$.messages[*].content").isEqualTo(List.of("bob asks", "for bob"));
        });
    }

    @Test
    void aMessageKeepsOneReplyAndALaterRealAnswerReplacesAFailureReply() {
        // Given a message a failing stage answered with its failure reply
        publish(message("once-1", "conv-once", "erin", "why is my bill higher", 0));
        publish(reply("once-1", "r-failed", "conv-once", "erin", "something went wrong", ReplySource.fallback, 1));

        // When the message is answered for real later (its dead letter replayed), and then once more (a redelivery)
        publish(reply("once-1", "r-real", "conv-once", "erin", "your discount ended", ReplySource.knowledge_base, 2));
        publish(reply("once-1", "r-again", "conv-once", "erin", "a second answer", ReplySource.llm, 3));
        publish(message("once-2", "conv-once", "erin", "thanks", 4));

        // Then the conversation shows the message with the real answer only, counted once
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get()
                .uri("/api/v1/chat/conversations/conv-once").headers(TOKENS.user("erin")).exchange().expectBody()
                .jsonPath("$.messages[*].id").isEqualTo(List.of("once-1", "r-real", "once-2"))
                .jsonPath("$.messages[1].content").isEqualTo("your discount ended")
                .jsonPath("$.messageCount").isEqualTo(3));
    }

    @Test
    void aMessageTakenAgainUnderAnotherConversationIdOpensNoSecondConversationAndKeepsItsFirstReply() {
        // Given frank's message, stored and answered in its conversation
        publish(message("again-1", "conv-again", "frank", "my TV has no sound", 0));
        publish(reply("again-1", "r-again-1", "conv-again", "frank", "Check the mute button.",
                ReplySource.knowledge_base, 1));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get()
                .uri("/api/v1/chat/conversations/conv-again").headers(TOKENS.user("frank")).exchange().expectBody()
                .jsonPath("$.messages[*].id").isEqualTo(List.of("again-1", "r-again-1")));
        double duplicates = duplicates("user") + duplicates("assistant");

        // When a retry no gateway recognised (Redis away, say) took it again under a new conversation id, answered there,
        // and the customer then wrote under that id
        publish(message("again-1", "conv-again-2", "frank", "my TV has no sound", 5));
        publish(reply("again-1", "r-again-2", "conv-again-2", "frank", "Check the HDMI cable.", ReplySource.llm, 6));
        publish(message("again-2", "conv-again-2", "frank", "and the remote is dead", 7));

        // Then (the last message came after the other two on its conversation's partition) the conversation id holds
        // only the message of its own: the retry and its reply were recognised as duplicates
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> web.get()
                .uri("/api/v1/chat/conversations/conv-again-2").headers(TOKENS.user("frank")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.messages[*].id").isEqualTo(List.of("again-2")));
        // (other tests' late duplicates may count too: at least these two)
        assertThat(duplicates("user") + duplicates("assistant") - duplicates).isGreaterThanOrEqualTo(2);

        // And frank's first conversation has his message once, with its first reply
        web.get().uri("/api/v1/chat/conversations/conv-again").headers(TOKENS.user("frank")).exchange().expectBody()
                .jsonPath("$.messages[*].id").isEqualTo(List.of("again-1", "r-again-1"))
                .jsonPath("$.messageCount").isEqualTo(2);
    }

    /** Events of this role chat-service found stored already. */
    private double duplicates(String role) {
        return meters.counter("chat.messages.stored", "role", role, "duplicate", "true").count();
    }

    @Test
    void badParametersAndAnonymousCallsAreExplained() {
        web.get().uri("/api/v1/chat/conversations?size=500").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.detail")
                .value(d -> assertThat((String) d).startsWith("size:"));
        web.get().uri("/api/v1/chat/conversations?status=lost").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isBadRequest();
        web.get().uri("/api/v1/chat/conversations").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void turnsArrivingTogetherAreStoredOnceInOrderWhateverTheBatchTheyShare() {
        // Given forty turns of one conversation, two of whose replies hand it to a person
        List<SpecificRecord> turns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            turns.add(message("b" + i, "conv-batch", "dave", "question " + i, 2 * i));
            turns.add(reply("b" + i, "rb" + i, "conv-batch", "dave", "answer " + i,
                    i == 7 || i == 12 ? ReplySource.escalation : ReplySource.knowledge_base, 2 * i + 1));
        }

        // When they are published all at once, twice, so that polls hold many of them and copies of each other
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (int copy = 0; copy < 2; copy++) {
            turns.forEach(turn -> sent.add(send(turn)));
        }
        sent.forEach(CompletableFuture::join);

        // Then each is stored once, in conversation order, and counted once
        List<String> expected = turns.stream().map(turn -> turn instanceof ChatReplied r ? r.getReplyId()
                : ((ChatMessageReceived) turn).getMessageId()).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                "select message_count from conversations where id = 'conv-batch'")
                .map(row -> row.get("message_count", Integer.class)).one().block()).isEqualTo(40));
        assertThat(db.sql("select id from messages where conversation_id = 'conv-batch' order by created_at, seq")
                .map(row -> row.get("id", String.class)).all().collectList().block())
                .containsExactlyElementsOf(expected);
        // And the conversation is escalated, with the agent of its last reply
        web.get().uri("/api/v1/chat/conversations/conv-batch").headers(TOKENS.user("dave")).exchange()
                .expectBody().jsonPath("$.status").isEqualTo("escalated")
                .jsonPath("$.agent").isEqualTo("tech_support");
    }

    private void awaitConsumed(int records) {
        // the second copy of each record lands after the first; the row count above already proved the first
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                "select coalesce(sum(message_count), 0) as n from conversations where id = 'conv-1'")
                .map(row -> row.get("n", Long.class)).one().block()).isEqualTo(records / 2));
    }

    private void publish(SpecificRecord event) {
        publisher.await(send(event));
    }

    private CompletableFuture<Void> send(SpecificRecord event) {
        String conversationId = (String) event.get(event.getSchema().getField("conversationId").pos());
        return event instanceof ChatReplied ? publisher.reply(Topics.CHAT_REPLIES, 0, conversationId, event)
                : publisher.publish(Topics.CHAT_INBOUND, conversationId, event);
    }

    private ChatMessageReceived message(String id, String conversation, String user, String content, int second) {
        ChatMessageReceived message = new Envelope(id, conversation, user, 0, start.plusSeconds(second))
                .stamp(new ChatMessageReceived());
        message.setEventId("in-" + id + "-" + user);
        message.setContent(content);
        message.setChannel("rest");
        return message;
    }

    private ChatReplied reply(String messageId, String replyId, String conversation, String user, String content,
            ReplySource source, int second) {
        ChatReplied reply = new Envelope(messageId, conversation, user, 0, start.plusSeconds(second - 1))
                .stamp(new ChatReplied());
        reply.setEventId("out-" + replyId);
        reply.setOccurredAt(start.plusSeconds(second));
        reply.setReplyId(replyId);
        reply.setContent(content);
        reply.setAgent(source == ReplySource.escalation ? Agent.general : Agent.tech_support);
        reply.setIntent(source == ReplySource.escalation ? "human_handoff" : "slow_internet");
        reply.setSource(source);
        reply.setConfidence(0.9);
        reply.setReferences(List.of(new KnowledgePassage("kb-slow-1", "Speed checks", "slow_internet",
                "Run a speed test on a wired device first.", 0.9)));
        reply.setLatencyMs(42);
        return reply;
    }
}
