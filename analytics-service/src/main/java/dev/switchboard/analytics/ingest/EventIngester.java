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
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
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
    private static final String MESSAGES = "messages";
    private static final String CLASSIFICATIONS = "classifications";
    private static final String REPLIES = "replies";

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

    /**
     * A poll's facts are written in one transaction: one commit for the batch instead of one per event. The kinds
     * every turn brings (messages, classifications, replies) are written with one statement per table for the whole
     * poll (rows passed as arrays): a statement per event cost more CPU than anything else the service does. The
     * rarer kinds are written one by one.
     */
    @KafkaListener(topics = {Topics.Names.CHAT_INBOUND, Topics.Names.CHAT_CLASSIFIED, Topics.Names.CHAT_FALLBACK,
            Topics.Names.CHAT_REPLIES, Topics.Names.CONVERSATION_EVENTS, Topics.Names.FEEDBACK_EVENTS,
            Topics.Names.ACCOUNT_ACTIONS}, batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.together(records, events -> transaction.transactional(record(events)).block(WRITE_TIMEOUT),
                this::recorded);
    }

    /** A row of a table written per poll, as the statement returns the rows it inserted. */
    private record Row(String table, String userId, String messageId) {
    }

    /** Each event's fact, in the events' order. */
    private Mono<List<Fact>> record(List<SpecificRecord> events) {
        Set<Row> inserted = new HashSet<>();
        List<SpecificRecord> perPoll = events.stream().filter(event -> writtenPerPoll(event) != null).toList();
        return Flux.concat(messages(ofKind(perPoll, ChatMessageReceived.class)),
                        classifications(ofKind(perPoll, IntentClassified.class)),
                        replies(ofKind(perPoll, ChatReplied.class)))
                .doOnNext(inserted::add)
                .thenMany(Flux.fromIterable(events).concatMap(event -> {
                    Row row = writtenPerPoll(event);
                    if (row != null) {
                        // the first of an event delivered twice in one poll made the row
                        return Mono.just(inserted.remove(row) ? Fact.NEW : Fact.KNOWN);
                    }
                    DatabaseClient.GenericExecuteSpec insert = insertFor(event);
                    return insert == null ? Mono.just(Fact.NONE)
                            : insert.fetch().rowsUpdated().map(rows -> rows > 0 ? Fact.NEW : Fact.KNOWN);
                }))
                .collectList();
    }

    private static <T> List<T> ofKind(List<SpecificRecord> events, Class<T> kind) {
        return events.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The row of an event written per poll; null for the kinds written one by one. */
    private static Row writtenPerPoll(SpecificRecord event) {
        if (event instanceof ChatMessageReceived m) {
            return new Row(MESSAGES, m.getUserId(), m.getMessageId());
        } else if (event instanceof IntentClassified c) {
            return new Row(CLASSIFICATIONS, c.getUserId(), c.getMessageId());
        } else if (event instanceof ChatReplied r && !leavesAQuestion(r)) {
            return new Row(REPLIES, r.getUserId(), r.getMessageId());
        }
        return null;
    }

    /** A reply that said no article answers the question, which the knowledge-gap report groups. */
    private static boolean leavesAQuestion(ChatReplied r) {
        return r.getSource() == ReplySource.no_answer && r.getQuestion() != null && !r.getQuestionEmbedding().isEmpty();
    }

    private Flux<Row> messages(List<ChatMessageReceived> messages) {
        return messages.isEmpty() ? Flux.empty() : inserted(MESSAGES, db.sql("""
                insert into messages (message_id, conversation_id, user_id, channel, occurred_at)
                select * from unnest(:ids::text[], :conversations::text[], :users::text[], :channels::text[],
                                     :ats::timestamptz[])
                on conflict do nothing returning user_id, message_id""")
                .bind("ids", column(messages, ChatMessageReceived::getMessageId))
                .bind("conversations", column(messages, ChatMessageReceived::getConversationId))
                .bind("users", column(messages, ChatMessageReceived::getUserId))
                .bind("channels", column(messages, ChatMessageReceived::getChannel))
                .bind("ats", messages.stream().map(ChatMessageReceived::getReceivedAt).toArray(Instant[]::new)));
    }

    private Flux<Row> classifications(List<IntentClassified> classified) {
        return classified.isEmpty() ? Flux.empty() : inserted(CLASSIFICATIONS, db.sql("""
                insert into classifications (message_id, user_id, occurred_at, intent, agent, confidence,
                                             frustration, language)
                select * from unnest(:ids::text[], :users::text[], :ats::timestamptz[], :intents::text[],
                                     :agents::text[], :confidences::float8[], :frustrations::float8[],
                                     :languages::text[])
                on conflict do nothing returning user_id, message_id""")
                .bind("ids", column(classified, IntentClassified::getMessageId))
                .bind("users", column(classified, IntentClassified::getUserId))
                .bind("ats", classified.stream().map(IntentClassified::getOccurredAt).toArray(Instant[]::new))
                .bind("intents", column(classified, IntentClassified::getIntent))
                .bind("agents", column(classified, c -> c.getAgent().name()))
                .bind("confidences", classified.stream().map(IntentClassified::getConfidence).toArray(Double[]::new))
                .bind("frustrations", classified.stream().map(IntentClassified::getFrustration).toArray(Double[]::new))
                .bind("languages", column(classified, IntentClassified::getLanguage)));
    }

    private Flux<Row> replies(List<ChatReplied> replies) {
        return replies.isEmpty() ? Flux.empty() : inserted(REPLIES, db.sql("""
                insert into replies (message_id, reply_id, conversation_id, user_id, occurred_at, agent, intent,
                                     source, confidence, latency_ms)
                select * from unnest(:ids::text[], :replies::text[], :conversations::text[], :users::text[],
                                     :ats::timestamptz[], :agents::text[], :intents::text[], :sources::text[],
                                     :confidences::float8[], :latencies::int8[])
                on conflict do nothing returning user_id, message_id""")
                .bind("ids", column(replies, ChatReplied::getMessageId))
                .bind("replies", column(replies, ChatReplied::getReplyId))
                .bind("conversations", column(replies, ChatReplied::getConversationId))
                .bind("users", column(replies, ChatReplied::getUserId))
                .bind("ats", replies.stream().map(ChatReplied::getOccurredAt).toArray(Instant[]::new))
                .bind("agents", column(replies, r -> r.getAgent().name()))
                .bind("intents", column(replies, ChatReplied::getIntent))
                .bind("sources", column(replies, r -> r.getSource().name()))
                .bind("confidences", replies.stream().map(ChatReplied::getConfidence).toArray(Double[]::new))
                .bind("latencies", replies.stream().map(ChatReplied::getLatencyMs).toArray(Long[]::new)));
    }

    private static Flux<Row> inserted(String table, DatabaseClient.GenericExecuteSpec insert) {
        return insert.map(row -> new Row(table, row.get("user_id", String.class), row.get("message_id", String.class)))
                .all();
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
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

    /** The insert of an event of a kind written one by one; null for one that is no fact. */
    private DatabaseClient.GenericExecuteSpec insertFor(SpecificRecord event) {
        if (event instanceof FallbackRequested f) {
            return db.sql("""
                    insert into fallbacks (message_id, user_id, occurred_at, reason) values (:id, :user, :at, :reason)
                    on conflict do nothing""")
                    .bind("id", f.getMessageId()).bind("user", f.getUserId()).bind("at", f.getOccurredAt())
                    .bind("reason", f.getReason());
        } else if (event instanceof ChatReplied r && leavesAQuestion(r)) {
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
