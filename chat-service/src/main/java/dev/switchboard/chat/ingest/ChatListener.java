package dev.switchboard.chat.ingest;

import dev.switchboard.chat.conversation.StatusEvents;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Stores every customer message and reply. A poll's events are stored in one transaction; the listener returns, and
 * so the offsets are committed, only after that transaction has committed and the status changes it caused are
 * acknowledged by the broker.
 */
@Component
class ChatListener {

    private static final Logger log = LoggerFactory.getLogger(ChatListener.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);

    private final ConversationStore store;
    private final StatusEvents statusEvents;
    private final MeterRegistry meters;
    private final RecordBatches batches;

    ChatListener(ConversationStore store, StatusEvents statusEvents, MeterRegistry meters, RecordBatches batches) {
        this.store = store;
        this.statusEvents = statusEvents;
        this.meters = meters;
        this.batches = batches;
    }

    @KafkaListener(topics = {Topics.Names.CHAT_INBOUND, Topics.Names.CHAT_REPLIES}, batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        batches.together(records, events -> store.storeAll(events).block(WRITE_TIMEOUT), this::stored);
    }

    private CompletableFuture<Void> stored(SpecificRecord event, ConversationStore.Stored stored) {
        if (event instanceof ChatMessageReceived message) {
            if (stored.ownerMismatch()) {
                meters.counter("chat.messages.refused", "reason", "not_owner").increment();
                log.warn("Refused messageId={}: conversation {} belongs to another user", message.getMessageId(),
                        message.getConversationId());
            }
            count("user", stored);
        } else if (event instanceof ChatReplied reply) {
            count("assistant", stored);
            // one line per answered turn (never its content): with the trace id, the turn's path across services
            log.info("Stored the {} reply to messageId={} in conversation {} ({})", reply.getSource(),
                    reply.getMessageId(), reply.getConversationId(), stored.inserted() ? "new" : "duplicate");
            return stored.escalatedFrom().map(previous -> statusEvents.changed(reply, previous, "escalated",
                    "The customer asked for a person")).orElse(RecordBatches.nothingSent());
        } else {
            log.warn("Ignoring unexpected {} on a chat topic", event.getClass().getSimpleName());
        }
        return RecordBatches.nothingSent();
    }

    private void count(String role, ConversationStore.Stored stored) {
        meters.counter("chat.messages.stored", "role", role, "duplicate", Boolean.toString(!stored.inserted()))
                .increment();
    }
}
