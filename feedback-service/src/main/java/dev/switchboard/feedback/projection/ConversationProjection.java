package dev.switchboard.feedback.projection;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the owner of every conversation and the agent and intent of every reply, from the chat topics, so feedback
 * can be checked and attributed without reading another service's database. Inserts ignore redeliveries; a poll's
 * events are written in one transaction.
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
        batches.together(records, events -> transaction.transactional(Flux.fromIterable(events)
                .concatMap(this::project).collectList()).block(WRITE_TIMEOUT), this::projected);
    }

    private Mono<Boolean> project(SpecificRecord event) {
        if (event instanceof ChatMessageReceived message) {
            return db.sql("""
                    insert into conversations (id, user_id, created_at) values (:id, :user, :at)
                    on conflict (id) do nothing""")
                    .bind("id", message.getConversationId()).bind("user", message.getUserId())
                    .bind("at", message.getReceivedAt())
                    .then().thenReturn(true);
        } else if (event instanceof ChatReplied reply) {
            return db.sql("""
                    insert into replies (id, conversation_id, message_id, agent, intent, source, created_at)
                    values (:id, :conversation, :message, :agent, :intent, :source, :at) on conflict (id) do nothing""")
                    .bind("id", reply.getReplyId()).bind("conversation", reply.getConversationId())
                    .bind("message", reply.getMessageId()).bind("agent", reply.getAgent().name())
                    .bind("intent", reply.getIntent()).bind("source", reply.getSource().name())
                    .bind("at", reply.getOccurredAt())
                    .then().thenReturn(true);
        }
        return Mono.just(false);
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
