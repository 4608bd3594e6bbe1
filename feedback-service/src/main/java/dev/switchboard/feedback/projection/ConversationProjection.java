package dev.switchboard.feedback.projection;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Keeps the owner of every conversation and the agent and intent of every reply, from the chat topics, so feedback
 * can be checked and attributed without reading another service's database. Inserts ignore redeliveries; a poll's
 * events are written in one transaction, with one statement per table for the whole poll (rows passed as arrays):
 * a statement per event cost more CPU here than anything else the service does.
 */
@Component
class ConversationProjection {

    private static final Logger log = LoggerFactory.getLogger(ConversationProjection.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final RecordBatches batches;

    ConversationProjection(DatabaseClient db, TransactionalOperator transaction, RecordBatches batches) {
        this.db = db;
        this.transaction = transaction;
        this.batches = batches;
    }

    @KafkaListener(topics = {Topics.Names.CHAT_INBOUND, Topics.Names.CHAT_REPLIES}, batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.together(records, events -> transaction.transactional(project(events)).block(WRITE_TIMEOUT),
                this::projected);
    }

    /** Whether each event was one this projection keeps, in the events' order. */
    private Mono<List<Boolean>> project(List<SpecificRecord> events) {
        List<ChatMessageReceived> messages = events.stream().filter(ChatMessageReceived.class::isInstance)
                .map(ChatMessageReceived.class::cast).toList();
        List<ChatReplied> replies = events.stream().filter(ChatReplied.class::isInstance)
                .map(ChatReplied.class::cast).toList();
        List<Boolean> kept = events.stream().map(e -> e instanceof ChatMessageReceived || e instanceof ChatReplied)
                .toList();
        return conversations(messages).then(replies(replies)).thenReturn(kept);
    }

    private Mono<Void> conversations(List<ChatMessageReceived> messages) {
        return messages.isEmpty() ? Mono.empty() : db.sql("""
                insert into conversations (id, user_id, created_at)
                select * from unnest(:ids::text[], :users::text[], :ats::timestamptz[]) on conflict (id) do nothing""")
                .bind("ids", column(messages, ChatMessageReceived::getConversationId))
                .bind("users", column(messages, ChatMessageReceived::getUserId))
                .bind("ats", messages.stream().map(ChatMessageReceived::getReceivedAt).toArray(Instant[]::new))
                .then();
    }

    private Mono<Void> replies(List<ChatReplied> replies) {
        return replies.isEmpty() ? Mono.empty() : db.sql("""
                insert into replies (id, conversation_id, message_id, agent, intent, source, created_at)
                select * from unnest(:ids::text[], :conversations::text[], :messages::text[], :agents::text[],
                                     :intents::text[], :sources::text[], :ats::timestamptz[])
                on conflict (id) do nothing""")
                .bind("ids", column(replies, ChatReplied::getReplyId))
                .bind("conversations", column(replies, ChatReplied::getConversationId))
                .bind("messages", column(replies, ChatReplied::getMessageId))
                .bind("agents", column(replies, r -> r.getAgent().name()))
                .bind("intents", column(replies, ChatReplied::getIntent))
                .bind("sources", column(replies, r -> r.getSource().name()))
                .bind("ats", replies.stream().map(ChatReplied::getOccurredAt).toArray(Instant[]::new))
                .then();
    }

    private static <T> String[] column(List<T> rows, Function<T, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    private CompletableFuture<Void> projected(SpecificRecord event, boolean projected) {
        if (event instanceof ChatReplied reply) {
            // one line per answered turn (never its content): with the trace id, the turn's path across services
            log.info("Recorded the {} reply to messageId={} in conversation {} as ratable", reply.getSource(),
                    reply.getMessageId(), reply.getConversationId());
        } else if (!projected) {
            log.warn("Ignoring unexpected {} on a chat topic", event.getClass().getSimpleName());
        }
        return RecordBatches.nothingSent();
    }
}
