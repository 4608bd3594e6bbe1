package dev.switchboard.chat.ingest;

import dev.switchboard.chat.conversation.ReferenceView;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplySource;
import dev.switchboard.schemas.Taxonomy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes customer messages and replies. Every write is idempotent: the message id is the primary key, so a
 * redelivered event inserts nothing and changes no counter.
 */
@Component
class ConversationStore {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final JsonMapper json;

    ConversationStore(DatabaseClient db, TransactionalOperator transaction, JsonMapper json) {
        this.db = db;
        this.transaction = transaction;
        this.json = json;
    }

    /** What storing an event changed. */
    record Stored(boolean inserted, boolean ownerMismatch, Optional<String> escalatedFrom) {
    }

    /**
     * Stores the events in their order in one transaction: one commit (and one flush of the database's log) for a
     * whole poll instead of one per event.
     */
    Mono<List<Stored>> storeAll(List<SpecificRecord> events) {
        return transaction.transactional(Flux.fromIterable(events).concatMap(this::store).collectList());
    }

    private Mono<Stored> store(SpecificRecord event) {
        if (event instanceof ChatMessageReceived message) {
            return store(message);
        } else if (event instanceof ChatReplied reply) {
            return store(reply);
        }
        // not a chat event: nothing to store (the listener logs it)
        return Mono.just(new Stored(false, false, Optional.empty()));
    }

    private Mono<Stored> store(ChatMessageReceived message) {
        return ensureConversation(message.getConversationId(), message.getUserId(),
                message.getReceivedAt())
                .flatMap(owner -> !owner.equals(message.getUserId())
                        ? Mono.just(new Stored(false, true, Optional.empty()))
                        : insertMessage(message.getMessageId(), message.getConversationId(), "user",
                                message.getContent(), null, null, null, null, List.of(), null, null,
                                message.getReceivedAt())
                                .flatMap(inserted -> touch(message.getConversationId(), inserted, null,
                                        message.getReceivedAt()).thenReturn(new Stored(inserted, false,
                                                Optional.empty()))));
    }

    private Mono<Stored> store(ChatReplied reply) {
        boolean escalation = reply.getSource() == ReplySource.escalation
                || Taxonomy.HUMAN_HANDOFF.equals(reply.getIntent());
        return ensureConversation(reply.getConversationId(), reply.getUserId(), reply.getReceivedAt())
                .then(insertMessage(reply.getReplyId(), reply.getConversationId(), "assistant", reply.getContent(),
                        reply.getAgent().name(), reply.getIntent(), reply.getSource().name(), reply.getConfidence(),
                        reply.getReferences(), reply.getLatencyMs(), reply.getMessageId(), reply.getOccurredAt()))
                .flatMap(inserted -> touch(reply.getConversationId(), inserted, reply.getAgent().name(),
                        reply.getOccurredAt())
                        .then(inserted && escalation ? escalate(reply.getConversationId()) : Mono.just(""))
                        .map(previous -> new Stored(inserted, false,
                                previous.isEmpty() ? Optional.empty() : Optional.of(previous))));
    }

    /** Creates the conversation on its first event and answers its owner. */
    private Mono<String> ensureConversation(String id, String userId, Instant at) {
        return db.sql("""
                insert into conversations (id, user_id, status, created_at, updated_at)
                values (:id, :user, 'open', :at, :at) on conflict (id) do nothing""")
                .bind("id", id).bind("user", userId).bind("at", at)
                .then()
                .then(db.sql("select user_id from conversations where id = :id").bind("id", id)
                        .map(row -> row.get("user_id", String.class)).one());
    }

    private Mono<Boolean> insertMessage(String id, String conversationId, String role, String content, String agent,
            String intent, String source, Double confidence, List<KnowledgePassage> references, Long latencyMs,
            String inReplyTo, Instant at) {
        return db.sql("""
                insert into messages (id, conversation_id, role, content, agent, intent, source, confidence, refs,
                                      latency_ms, in_reply_to, created_at)
                values (:id, :conversation, :role, :content, :agent, :intent, :source, :confidence,
                        cast(:refs as jsonb), :latency, :inReplyTo, :at)
                on conflict (id) do nothing""")
                .bind("id", id).bind("conversation", conversationId).bind("role", role).bind("content", content)
                .bind("agent", Parameter.fromOrEmpty(agent, String.class))
                .bind("intent", Parameter.fromOrEmpty(intent, String.class))
                .bind("source", Parameter.fromOrEmpty(source, String.class))
                .bind("confidence", Parameter.fromOrEmpty(confidence, Double.class))
                .bind("refs", json.writeValueAsString(references.stream().map(ConversationStore::reference).toList()))
                .bind("latency", Parameter.fromOrEmpty(latencyMs, Long.class))
                .bind("inReplyTo", Parameter.fromOrEmpty(inReplyTo, String.class))
                .bind("at", at)
                .fetch().rowsUpdated().map(rows -> rows > 0);
    }

    private Mono<Void> touch(String conversationId, boolean inserted, String agent, Instant at) {
        if (!inserted) {
            return Mono.empty();
        }
        return db.sql("""
                update conversations set message_count = message_count + 1,
                    agent = coalesce(:agent, agent), updated_at = greatest(updated_at, :at)
                where id = :id""")
                .bind("id", conversationId).bind("agent", Parameter.fromOrEmpty(agent, String.class)).bind("at", at)
                .then();
    }

    /** Emits the previous status when the conversation was not escalated yet, else empty string. */
    private Mono<String> escalate(String conversationId) {
        return db.sql("""
                update conversations c set status = 'escalated' from conversations old
                where c.id = :id and old.id = c.id and c.status <> 'escalated'
                returning old.status as previous""")
                .bind("id", conversationId)
                .map(row -> row.get("previous", String.class)).one()
                .defaultIfEmpty("");
    }

    private static ReferenceView reference(KnowledgePassage passage) {
        String text = passage.getText();
        return new ReferenceView(passage.getArticleId(), passage.getTitle(),
                text.length() <= 200 ? text : text.substring(0, 199).strip() + "…", passage.getScore());
    }
}
