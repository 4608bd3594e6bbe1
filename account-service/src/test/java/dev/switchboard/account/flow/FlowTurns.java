package dev.switchboard.account.flow;

import static org.awaitility.Awaitility.await;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.Route;
import dev.switchboard.events.Suggestion;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The flow ITs' customer: turns as intent-service routes them to a flow ({@code route=flow} on chat.flow, with
 * the flow and intent it entered) and the replies account-service makes to them on chat.replies.
 *
 * @param flow the flow intent-service routed to; null as in records written before IntentClassified.flow existed
 */
record FlowTurns(EventPublisher publisher, TopicRecorder replies, String flow, String intent, Agent agent)
        implements AutoCloseable {

    private static final TestIdentity TOKENS = TestIdentity.of("account-service");

    static FlowTurns of(EventPublisher publisher, String brokers, String flow, String intent, Agent agent) {
        return new FlowTurns(publisher, new TopicRecorder(brokers, Topics.CHAT_REPLIES.name()), flow, intent, agent);
    }

    ChatReplied turn(String conversation, String user, String content, String choice) {
        return turn(conversation, user, UUID.randomUUID().toString(), content, choice);
    }

    /** A flow turn and its reply (the latest reply to that message). */
    ChatReplied turn(String conversation, String user, String messageId, String content, String choice) {
        int before = replies.values(ChatReplied.class, r -> r.getMessageId().equals(messageId)).size();
        send(conversation, user, messageId, content, choice, Route.flow);
        List<ChatReplied> found = await().atMost(Duration.ofSeconds(30)).until(
                () -> replies.values(ChatReplied.class, r -> r.getMessageId().equals(messageId)),
                all -> all.size() > before);
        return found.get(found.size() - 1);
    }

    void send(String conversation, String user, String messageId, String content, String choice, Route route) {
        sendTogether(List.of(classified(conversation, user, messageId, content, choice, route)));
    }

    /** The turns sent at once (not each after the last is acknowledged), so the listener may poll them together. */
    void sendTogether(List<IntentClassified> turns) {
        turns.stream().map(turn -> publisher.publish(Topics.CHAT_FLOW, turn.getConversationId(), turn))
                .toList().forEach(publisher::await);
    }

    /** A turn as intent-service routes it; a flow turn names this customer's flow. */
    IntentClassified classified(String conversation, String user, String messageId, String content, String choice,
            Route route) {
        Instant now = Instant.now();
        return IntentClassified.newBuilder().setEventId(UUID.randomUUID().toString())
                .setMessageId(messageId).setConversationId(conversation).setUserId(user).setOccurredAt(now)
                .setReplyTo(0).setReceivedAt(now).setContent(content).setIntent(intent)
                .setAgent(agent).setConfidence(0.9).setCandidates(List.of()).setClassifierVersion("test")
                .setRoute(route).setChoice(choice).setFlow(route == Route.flow ? flow : null).build();
    }

    /** The conversation's replies so far, oldest first. */
    List<ChatReplied> conversation(String conversation) {
        return replies.values(ChatReplied.class, r -> r.getConversationId().equals(conversation));
    }

    /** This customer in another flow (intent-service routed the conversation's turn to it), on the same replies. */
    FlowTurns in(String otherFlow, String otherIntent, Agent otherAgent) {
        return new FlowTurns(publisher, replies, otherFlow, otherIntent, otherAgent);
    }

    /** A development scenario set up as an admin (tau2's set-ups: data used, a suspension for an overdue bill). */
    static void scenario(WebTestClient web, String name, Map<String, Object> body) {
        web.post().uri("/api/v1/account/admin/scenarios/" + name).headers(TOKENS.user("root", "admin")).bodyValue(body).exchange()
                .expectStatus().isOk();
    }

    /** The seed data again, after a test that changed accounts. */
    static void reset(WebTestClient web) {
        web.post().uri("/api/v1/account/admin/reset").headers(TOKENS.user("root", "admin")).exchange().expectStatus().isOk();
    }

    static long count(DatabaseClient db, String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }

    static String value(DatabaseClient db, String sql) {
        return db.sql(sql).map(row -> String.valueOf(row.get(0))).one().block();
    }

    static List<String> ids(ChatReplied reply) {
        return reply.getSuggestions().stream().map(Suggestion::getId).toList();
    }

    @Override
    public void close() {
        replies.close();
    }
}
