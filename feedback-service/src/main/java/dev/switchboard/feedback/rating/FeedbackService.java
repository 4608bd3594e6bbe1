package dev.switchboard.feedback.rating;

import dev.switchboard.events.Agent;
import dev.switchboard.events.FeedbackSubmitted;
import dev.switchboard.platform.web.Caller;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * Records feedback from the owner of a conversation and publishes it as {@code FeedbackSubmitted}. Someone else's
 * conversation or reply answers 404, exactly like one that does not exist, so ids cannot be probed.
 */
@Service
class FeedbackService {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final EventPublisher publisher;

    FeedbackService(DatabaseClient db, TransactionalOperator transaction, EventPublisher publisher) {
        this.db = db;
        this.transaction = transaction;
        this.publisher = publisher;
    }

    /** Emits whether an earlier rating of this conversation by this user was replaced. */
    /** What a write returns: its result, and the event to publish once it is committed. */
    private record Recorded<T>(T result, FeedbackSubmitted event) {
    }

    Mono<Boolean> rateConversation(Caller caller, FeedbackController.ConversationFeedback body) {
        Instant now = Instant.now();
        Mono<Recorded<Boolean>> write = owned(caller, body.conversationId())
                .then(db.sql("""
                        select r.agent, r.intent from replies r where r.conversation_id = :conversation
                        order by r.created_at desc limit 1""")
                        .bind("conversation", body.conversationId())
                        .map(row -> new String[] {row.get("agent", String.class), row.get("intent", String.class)})
                        .one().defaultIfEmpty(new String[] {null, null}))
                .flatMap(last -> db.sql("""
                        insert into conversation_feedback
                            (conversation_id, user_id, rating, resolved, comment, agent, intent, created_at, updated_at)
                        values (:conversation, :user, :rating, :resolved, :comment, :agent, :intent, :now, :now)
                        on conflict (conversation_id, user_id) do update set rating = excluded.rating,
                            resolved = excluded.resolved, comment = excluded.comment, agent = excluded.agent,
                            intent = excluded.intent, updated_at = excluded.updated_at
                        returning (created_at <> updated_at) as replaced""")
                        .bind("conversation", body.conversationId()).bind("user", caller.userId())
                        .bind("rating", body.rating().shortValue())
                        .bind("resolved", Parameters.of(body.resolved(), Boolean.class))
                        .bind("comment", Parameters.of(body.comment(), String.class))
                        .bind("agent", Parameters.of(last[0], String.class))
                        .bind("intent", Parameters.of(last[1], String.class))
                        .bind("now", now)
                        .map(row -> row.get("replaced", Boolean.class)).one()
                        .map(replaced -> new Recorded<>(replaced, conversationEvent(caller, body, last))));
        return publishAfterCommit(write);
    }

    /** Emits the conversation of the rated reply. */
    Mono<String> rateReply(Caller caller, FeedbackController.ReplyRating body) {
        Instant now = Instant.now();
        Mono<Recorded<String>> write = db.sql("""
                        select r.conversation_id, r.agent, r.intent from replies r
                        join conversations c on c.id = r.conversation_id
                        where r.id = :reply and c.user_id = :user""")
                .bind("reply", body.messageId()).bind("user", caller.userId())
                .map(row -> new String[] {row.get("conversation_id", String.class), row.get("agent", String.class),
                        row.get("intent", String.class)})
                .one()
                .switchIfEmpty(Mono.error(notFound("reply " + body.messageId())))
                .flatMap(reply -> db.sql("""
                        insert into reply_ratings
                            (reply_id, user_id, conversation_id, helpful, reason, agent, intent, created_at, updated_at)
                        values (:reply, :user, :conversation, :helpful, :reason, :agent, :intent, :now, :now)
                        on conflict (reply_id, user_id) do update set helpful = excluded.helpful,
                            reason = excluded.reason, updated_at = excluded.updated_at""")
                        .bind("reply", body.messageId()).bind("user", caller.userId()).bind("conversation", reply[0])
                        .bind("helpful", body.helpful()).bind("reason", Parameters.of(body.reason(), String.class))
                        .bind("agent", reply[1]).bind("intent", reply[2]).bind("now", now)
                        .then()
                        .thenReturn(new Recorded<>(reply[0], replyEvent(caller, body, reply))));
        return publishAfterCommit(write);
    }

    private Mono<Void> owned(Caller caller, String conversationId) {
        return db.sql("select 1 from conversations where id = :id and user_id = :user")
                .bind("id", conversationId).bind("user", caller.userId())
                .map(row -> 1).one()
                .switchIfEmpty(Mono.error(notFound("conversation " + conversationId)))
                .then();
    }

    /** Only committed feedback is announced, so analytics never counts a rating the store does not have. */
    private <T> Mono<T> publishAfterCommit(Mono<Recorded<T>> write) {
        return transaction.transactional(write).flatMap(recorded -> Mono.fromFuture(() -> publisher.publish(
                Topics.FEEDBACK_EVENTS, recorded.event().getConversationId(), recorded.event()))
                .thenReturn(recorded.result()));
    }

    private static FeedbackSubmitted conversationEvent(Caller caller, FeedbackController.ConversationFeedback body,
            String[] lastReply) {
        FeedbackSubmitted event = base(caller, body.conversationId(), null, "conversation");
        event.setRating(body.rating());
        event.setResolved(body.resolved());
        event.setAgent(lastReply[0] == null ? null : Agent.valueOf(lastReply[0]));
        event.setIntent(lastReply[1]);
        return event;
    }

    private static FeedbackSubmitted replyEvent(Caller caller, FeedbackController.ReplyRating body, String[] reply) {
        FeedbackSubmitted event = base(caller, reply[0], body.messageId(), "reply");
        event.setHelpful(body.helpful());
        event.setReason(body.reason());
        event.setAgent(Agent.valueOf(reply[1]));
        event.setIntent(reply[2]);
        return event;
    }

    private static FeedbackSubmitted base(Caller caller, String conversationId, String messageId, String kind) {
        FeedbackSubmitted event = new FeedbackSubmitted();
        event.setEventId(UUID.randomUUID().toString());
        event.setMessageId(messageId);
        event.setConversationId(conversationId);
        event.setUserId(caller.userId());
        event.setOccurredAt(Instant.now());
        event.setReplyTo(-1);
        event.setKind(kind);
        return event;
    }

    private static ResponseStatusException notFound(String what) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what + " of yours");
    }
}
