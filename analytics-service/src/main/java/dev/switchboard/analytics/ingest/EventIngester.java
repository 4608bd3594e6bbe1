package dev.switchboard.analytics.ingest;

import dev.switchboard.analytics.reporting.QuestionEmbeddings;
import dev.switchboard.events.AccountActionRecorded;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ConversationStatusChanged;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.FeedbackSubmitted;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns every event into a fact row. Keys make it idempotent: a replayed event is a no-op, a late one simply carries
 * its own timestamp. Chunks are not facts (the final reply carries the whole text). Account actions are also counted
 * as a meter, once each: only an event that made a new row, after its transaction committed.
 */
@Component
class EventIngester extends AbstractConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(EventIngester.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final RecordBatches batches;
    private final MeterRegistry meters;

    EventIngester(DatabaseClient db, TransactionalOperator transaction, RecordBatches batches, MeterRegistry meters) {
        this.db = db;
        this.transaction = transaction;
        this.batches = batches;
        this.meters = meters;
    }

    /** What one event became. */
    private enum Fact {
        /** Nothing: the event is not an analytics fact. */
        NONE,
        /** A new row. */
        NEW,
        /** Nothing new: the event was recorded before (a redelivery or a replay), or an older feedback. */
        KNOWN
    }

    /** Asks every consumer of this instance to read its partitions again from the oldest retained event. */
    int replayFromTheStart() {
        int partitions = getTopicsAndCallbacks().size();
        seekToBeginning();
        return partitions;
    }

    /** A poll's facts are written in one transaction: one commit for the batch instead of one per event. */
    @KafkaListener(topics = {Topics.Names.CHAT_INBOUND, Topics.Names.CHAT_CLASSIFIED, Topics.Names.CHAT_FALLBACK,
            Topics.Names.CHAT_REPLIES, Topics.Names.CONVERSATION_EVENTS, Topics.Names.FEEDBACK_EVENTS,
            Topics.Names.ACCOUNT_ACTIONS}, batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.together(records, events -> transaction.transactional(Flux.fromIterable(events)
                .concatMap(event -> {
                    DatabaseClient.GenericExecuteSpec insert = insertFor(event);
                    return insert == null ? Mono.just(Fact.NONE)
                            : insert.fetch().rowsUpdated().map(rows -> rows > 0 ? Fact.NEW : Fact.KNOWN);
                }).collectList()).block(WRITE_TIMEOUT), this::recorded);
    }

    private CompletableFuture<Void> recorded(SpecificRecord event, Fact fact) {
        if (fact == Fact.NONE) {
            log.debug("Not an analytics fact: {}", event.getClass().getSimpleName());
        } else if (event instanceof ChatReplied reply) {
            // one line per answered turn (never its content): with the trace id, the turn's path across services
            log.info("Recorded the {} reply to messageId={} ({} ms end to end)", reply.getSource(),
                    reply.getMessageId(), reply.getLatencyMs());
        } else if (event instanceof AccountActionRecorded action && fact == Fact.NEW) {
            Counter.builder("analytics.account.actions").description("account-service's actions, by type and outcome")
                    .tag("action", action.getAction()).tag("outcome", action.getOutcome()).register(meters)
                    .increment();
        }
        return RecordBatches.nothingSent();
    }

    private DatabaseClient.GenericExecuteSpec insertFor(SpecificRecord event) {
        if (event instanceof ChatMessageReceived m) {
            return db.sql("""
                    insert into messages (message_id, conversation_id, user_id, channel, occurred_at)
                    values (:id, :conversation, :user, :channel, :at) on conflict do nothing""")
                    .bind("id", m.getMessageId()).bind("conversation", m.getConversationId())
                    .bind("user", m.getUserId()).bind("channel", m.getChannel()).bind("at", m.getReceivedAt());
        } else if (event instanceof IntentClassified c) {
            return db.sql("""
                    insert into classifications (message_id, user_id, occurred_at, intent, agent, confidence,
                                                 frustration)
                    values (:id, :user, :at, :intent, :agent, :confidence, :frustration) on conflict do nothing""")
                    .bind("id", c.getMessageId()).bind("user", c.getUserId()).bind("at", c.getOccurredAt())
                    .bind("intent", c.getIntent())
                    .bind("agent", c.getAgent().name()).bind("confidence", c.getConfidence())
                    .bind("frustration", c.getFrustration());
        } else if (event instanceof FallbackRequested f) {
            return db.sql("""
                    insert into fallbacks (message_id, user_id, occurred_at, reason) values (:id, :user, :at, :reason)
                    on conflict do nothing""")
                    .bind("id", f.getMessageId()).bind("user", f.getUserId()).bind("at", f.getOccurredAt())
                    .bind("reason", f.getReason());
        } else if (event instanceof ChatReplied r && r.getSource() == ReplySource.no_answer
                && r.getQuestion() != null && !r.getQuestionEmbedding().isEmpty()) {
            // the reply row and the question the knowledge-gap report groups, in one statement
            return bindReply(db.sql("""
                    with question as (
                        insert into unanswered_questions (message_id, user_id, occurred_at, question, embedding)
                        values (:id, :user, :at, :question, :embedding) on conflict do nothing)
                    insert into replies (message_id, reply_id, conversation_id, user_id, occurred_at, agent, intent,
                                         source, confidence, latency_ms)
                    values (:id, :reply, :conversation, :user, :at, :agent, :intent, :source, :confidence, :latency)
                    on conflict do nothing"""), r).bind("question", r.getQuestion())
                    .bind("embedding", QuestionEmbeddings.encode(r.getQuestionEmbedding()));
        } else if (event instanceof ChatReplied r) {
            return bindReply(db.sql("""
                    insert into replies (message_id, reply_id, conversation_id, user_id, occurred_at, agent, intent,
                                         source, confidence, latency_ms)
                    values (:id, :reply, :conversation, :user, :at, :agent, :intent, :source, :confidence, :latency)
                    on conflict do nothing"""), r);
        } else if (event instanceof ConversationStatusChanged s) {
            return db.sql("""
                    insert into status_changes (event_id, conversation_id, status, occurred_at)
                    values (:id, :conversation, :status, :at) on conflict do nothing""")
                    .bind("id", s.getEventId()).bind("conversation", s.getConversationId())
                    .bind("status", s.getStatus()).bind("at", s.getOccurredAt());
        } else if (event instanceof FeedbackSubmitted f) {
            return feedback(f);
        } else if (event instanceof AccountActionRecorded a) {
            return db.sql("""
                    insert into account_actions (event_id, occurred_at, action, outcome, rule, actor_role)
                    values (:id, :at, :action, :outcome, :rule, :role) on conflict do nothing""")
                    .bind("id", a.getEventId()).bind("at", a.getOccurredAt()).bind("action", a.getAction())
                    .bind("outcome", a.getOutcome()).bind("rule", a.getRule()).bind("role", a.getActorRole());
        }
        return null;
    }

    private static DatabaseClient.GenericExecuteSpec bindReply(DatabaseClient.GenericExecuteSpec insert,
            ChatReplied r) {
        return insert.bind("id", r.getMessageId()).bind("reply", r.getReplyId())
                .bind("conversation", r.getConversationId()).bind("user", r.getUserId())
                .bind("at", r.getOccurredAt()).bind("agent", r.getAgent().name()).bind("intent", r.getIntent())
                .bind("source", r.getSource().name()).bind("confidence", r.getConfidence())
                .bind("latency", r.getLatencyMs());
    }

    /** The latest feedback wins; an older event replayed after a newer one does not overwrite it. */
    private DatabaseClient.GenericExecuteSpec feedback(FeedbackSubmitted f) {
        boolean onReply = "reply".equals(f.getKind());
        return db.sql("""
                insert into feedback (kind, subject_id, user_id, event_id, conversation_id, rating, helpful, resolved,
                                      agent, intent, occurred_at)
                values (:kind, :subject, :user, :event, :conversation, :rating, :helpful, :resolved, :agent, :intent,
                        :at)
                on conflict (kind, subject_id, user_id) do update set event_id = excluded.event_id,
                    rating = excluded.rating, helpful = excluded.helpful, resolved = excluded.resolved,
                    agent = excluded.agent, intent = excluded.intent, occurred_at = excluded.occurred_at
                where feedback.occurred_at < excluded.occurred_at""")
                .bind("kind", f.getKind())
                .bind("subject", onReply ? f.getMessageId() : f.getConversationId())
                .bind("user", f.getUserId()).bind("event", f.getEventId()).bind("conversation", f.getConversationId())
                .bind("rating", Parameter.fromOrEmpty(f.getRating() == null ? null : f.getRating().shortValue(),
                        Short.class))
                .bind("helpful", Parameter.fromOrEmpty(f.getHelpful(), Boolean.class))
                .bind("resolved", Parameter.fromOrEmpty(f.getResolved(), Boolean.class))
                .bind("agent", Parameter.fromOrEmpty(f.getAgent() == null ? null : f.getAgent().name(), String.class))
                .bind("intent", Parameter.fromOrEmpty(f.getIntent(), String.class))
                .bind("at", f.getOccurredAt());
    }
}
