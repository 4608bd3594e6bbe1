package dev.switchboard.chat.conversation;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads conversations and messages; {@code owner} null means any owner (the admin's and agents' view). */
@Component
class ConversationQueries {

    private static final TypeReference<List<ReferenceView>> REFERENCES = new TypeReference<>() {
    };

    private final DatabaseClient db;
    private final JsonMapper json;

    ConversationQueries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    record ConversationView(String id, String userId, String status, String agent, int messageCount,
            Instant createdAt, Instant updatedAt, List<MessageView> messages) {
    }

    record MessageView(String id, String conversationId, String role, String content, String agent, String intent,
            String source, Double confidence, List<ReferenceView> references, Instant timestamp,
            Long latencyMs, String inReplyTo) {
    }

    record Page(List<ConversationView> content, int page, int size, long totalElements, long totalPages) {
    }

    Mono<Page> list(String owner, String status, int page, int size) {
        String where = " where (cast(:owner as text) is null or user_id = :owner)"
                + " and (cast(:status as text) is null or status = :status)";
        Mono<Long> total = db.sql("select count(*) as n from conversations" + where)
                .bind("owner", Parameter.fromOrEmpty(owner, String.class))
                .bind("status", Parameter.fromOrEmpty(status, String.class))
                .map(row -> row.get("n", Long.class)).one();
        Mono<List<ConversationView>> rows = db.sql("select * from conversations" + where
                        + " order by updated_at desc, id limit :limit offset :offset")
                .bind("owner", Parameter.fromOrEmpty(owner, String.class))
                .bind("status", Parameter.fromOrEmpty(status, String.class))
                .bind("limit", size).bind("offset", (long) page * size)
                .map(row -> conversation(row, List.of())).all().collectList();
        return Mono.zip(rows, total).map(t -> new Page(t.getT1(), page, size, t.getT2(),
                (t.getT2() + size - 1) / size));
    }

    Mono<ConversationView> find(String id, String owner) {
        return db.sql("select * from conversations where id = :id and (cast(:owner as text) is null or user_id = :owner)")
                .bind("id", id).bind("owner", Parameter.fromOrEmpty(owner, String.class))
                .map(row -> conversation(row, List.of())).one();
    }

    Mono<ConversationView> withMessages(ConversationView conversation) {
        return messagesAfter(conversation.id(), null)
                .map(messages -> new ConversationView(conversation.id(), conversation.userId(), conversation.status(),
                        conversation.agent(), conversation.messageCount(), conversation.createdAt(),
                        conversation.updatedAt(), messages));
    }

    /** The messages in order; with {@code after}, only those that follow that message. */
    Mono<List<MessageView>> messagesAfter(String conversationId, String after) {
        return db.sql("""
                select * from messages m where m.conversation_id = :conversation
                  and (cast(:after as text) is null or (m.created_at, m.seq) > (
                       select a.created_at, a.seq from messages a where a.id = :after and a.conversation_id = :conversation))
                order by m.created_at, m.seq""")
                .bind("conversation", conversationId).bind("after", Parameter.fromOrEmpty(after, String.class))
                .map(this::message).all().collectList();
    }

    Mono<Boolean> messageExists(String conversationId, String messageId) {
        return db.sql("select 1 from messages where id = :id and conversation_id = :conversation")
                .bind("id", messageId).bind("conversation", conversationId).map(row -> true).one()
                .defaultIfEmpty(false);
    }

    /** The last {@code limit} messages, oldest first, for the LLM's context. */
    /** The last {@code limit} messages, oldest first; none unless {@code userId} owns the conversation. */
    Mono<List<MessageView>> history(String conversationId, String userId, int limit) {
        return db.sql("""
                select * from (select m.* from messages m join conversations c on c.id = m.conversation_id
                               where m.conversation_id = :conversation and c.user_id = :user
                               order by m.created_at desc, m.seq desc limit :limit) last order by created_at, seq""")
                .bind("conversation", conversationId).bind("user", userId).bind("limit", limit)
                .map(this::message).all().collectList();
    }

    private static ConversationView conversation(Readable row, List<MessageView> messages) {
        return new ConversationView(row.get("id", String.class), row.get("user_id", String.class),
                row.get("status", String.class), row.get("agent", String.class),
                row.get("message_count", Integer.class), row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class), messages);
    }

    private MessageView message(Readable row) {
        Json refs = row.get("refs", Json.class);
        String refsJson = refs == null ? "[]" : refs.asString();
        return new MessageView(row.get("id", String.class), row.get("conversation_id", String.class),
                row.get("role", String.class), row.get("content", String.class), row.get("agent", String.class),
                row.get("intent", String.class), row.get("source", String.class),
                row.get("confidence", Double.class), json.readValue(refsJson, REFERENCES),
                row.get("created_at", Instant.class), row.get("latency_ms", Long.class),
                row.get("in_reply_to", String.class));
    }
}
