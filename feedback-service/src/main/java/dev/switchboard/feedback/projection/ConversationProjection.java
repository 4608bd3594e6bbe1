package dev.switchboard.feedback.projection;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the owner of every conversation and the agent and intent of every reply, from the chat topics, so feedback
 * can be checked and attributed without reading another service's database. Inserts ignore redeliveries.
 */
@Component
class ConversationProjection {

    private static final Logger log = LoggerFactory.getLogger(ConversationProjection.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final DatabaseClient db;

    ConversationProjection(DatabaseClient db) {
        this.db = db;
    }

    @KafkaListener(topics = "chat.inbound")
    void on(ChatMessageReceived message) {
        db.sql("insert into conversations (id, user_id, created_at) values (:id, :user, :at) on conflict (id) do nothing")
                .bind("id", message.getConversationId()).bind("user", message.getUserId())
                .bind("at", message.getReceivedAt())
                .then().block(WRITE_TIMEOUT);
    }

    @KafkaListener(topics = "chat.replies")
    void on(ChatReplied reply) {
        db.sql("""
                insert into replies (id, conversation_id, message_id, agent, intent, source, created_at)
                values (:id, :conversation, :message, :agent, :intent, :source, :at) on conflict (id) do nothing""")
                .bind("id", reply.getReplyId()).bind("conversation", reply.getConversationId())
                .bind("message", reply.getMessageId()).bind("agent", reply.getAgent().name())
                .bind("intent", reply.getIntent()).bind("source", reply.getSource().name())
                .bind("at", reply.getOccurredAt())
                .then().block(WRITE_TIMEOUT);
        // one line per answered turn (never its content): with the trace id, the turn's path across services
        log.info("Recorded the {} reply to messageId={} in conversation {} as ratable", reply.getSource(),
                reply.getMessageId(), reply.getConversationId());
    }
}
