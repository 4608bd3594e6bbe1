package dev.switchboard.chat.ingest;

import dev.switchboard.chat.conversation.StatusEvents;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores every customer message and reply. The listener returns, and so the offset is committed, only after the
 * database transaction has committed.
 */
@Component
class ChatListener {

    private static final Logger log = LoggerFactory.getLogger(ChatListener.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

    private final ConversationStore store;
    private final StatusEvents statusEvents;
    private final MeterRegistry meters;

    ChatListener(ConversationStore store, StatusEvents statusEvents, MeterRegistry meters) {
        this.store = store;
        this.statusEvents = statusEvents;
        this.meters = meters;
    }

    @KafkaListener(topics = {"chat.inbound", "chat.replies"})
    void on(SpecificRecord event) {
        if (event instanceof ChatMessageReceived message) {
            ConversationStore.Stored stored = store.store(message).block(WRITE_TIMEOUT);
            if (stored.ownerMismatch()) {
                meters.counter("chat.messages.refused", "reason", "not_owner").increment();
                log.warn("Refused messageId={}: conversation {} belongs to another user", message.getMessageId(),
                        message.getConversationId());
            }
            count("user", stored);
        } else if (event instanceof ChatReplied reply) {
            ConversationStore.Stored stored = store.store(reply).block(WRITE_TIMEOUT);
            stored.escalatedFrom().ifPresent(previous -> statusEvents.changed(reply, previous, "escalated",
                    "The customer asked for a person"));
            count("assistant", stored);
            // one line per answered turn (never its content): with the trace id, the turn's path across services
            log.info("Stored the {} reply to messageId={} in conversation {} ({})", reply.getSource(),
                    reply.getMessageId(), reply.getConversationId(), stored.inserted() ? "new" : "duplicate");
        } else {
            log.warn("Ignoring unexpected {} on a chat topic", event.getClass().getSimpleName());
        }
    }

    private void count(String role, ConversationStore.Stored stored) {
        meters.counter("chat.messages.stored", "role", role, "duplicate", Boolean.toString(!stored.inserted()))
                .increment();
    }
}
