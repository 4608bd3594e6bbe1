package dev.switchboard.platform.kafka;

import dev.switchboard.schemas.Events;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The fields every pipeline event carries, copied from the event a service consumed onto the event it emits, so
 * correlation (messageId), ordering (conversationId) and reply routing (replyTo) survive every hop.
 */
public record Envelope(String messageId, String conversationId, String userId, int replyTo, Instant receivedAt) {

    static {
        // events are built here and with their builders, whose defaults Avro makes only from classes it trusts
        Events.trustGeneratedClasses();
    }

    public static Envelope of(SpecificRecord event) {
        Object replyTo = Events.field(event, "replyTo");
        return new Envelope((String) Events.field(event, "messageId"), (String) Events.field(event, "conversationId"),
                (String) Events.field(event, "userId"), replyTo == null ? -1 : (Integer) replyTo,
                (Instant) Events.field(event, "receivedAt"));
    }

    /**
     * Stamps a new event id, the current time and this envelope onto a freshly constructed event, and gives every
     * field still unset its schema default ({@link Events#withDefaults}).
     */
    public <T extends SpecificRecord> T stamp(T event) {
        Events.withDefaults(event);
        put(event, "eventId", UUID.randomUUID().toString());
        put(event, "occurredAt", Instant.now());
        put(event, "messageId", messageId);
        put(event, "conversationId", conversationId);
        put(event, "userId", userId);
        put(event, "replyTo", replyTo);
        put(event, "receivedAt", receivedAt);
        return event;
    }

    /** Milliseconds since the gateway accepted the customer message. */
    public long elapsedMillis() {
        return receivedAt == null ? 0 : Math.max(0, Instant.now().toEpochMilli() - receivedAt.toEpochMilli());
    }

    private static void put(SpecificRecord event, String name, Object value) {
        var field = event.getSchema().getField(name);
        if (field != null) {
            event.put(field.pos(), value);
        }
    }
}
