package dev.switchboard.platform.kafka;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the correlation fields of the event a listener is handling into the logging context (MDC), so every log line
 * written while handling it, plain or JSON, carries conversationId, messageId and, where the event has them, agent,
 * intent and latency (ms since the gateway accepted the message). Never the message content.
 */
public class EventLogContext implements RecordInterceptor<Object, Object> {

    /** MDC key and the Avro field it is read from. */
    record Key(String mdc, String field) {
    }

    static final List<Key> KEYS = List.of(new Key("conversationId", "conversationId"),
            new Key("messageId", "messageId"), new Key("agent", "agent"), new Key("intent", "intent"),
            new Key("latency", "latencyMs"));

    @Override
    public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
            Consumer<Object, Object> consumer) {
        enter(record.value());
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<Object, Object> record, Consumer<Object, Object> consumer) {
        leave();
    }

    /** Puts the event's correlation fields in the logging context (batch listeners call this per record). */
    static void enter(Object value) {
        leave();
        if (value instanceof SpecificRecord event) {
            Schema schema = event.getSchema();
            for (Key key : KEYS) {
                Schema.Field field = schema.getField(key.field());
                Object fieldValue = field == null ? null : event.get(field.pos());
                if (fieldValue != null) {
                    MDC.put(key.mdc(), fieldValue.toString());
                }
            }
        }
    }

    static void leave() {
        for (Key key : KEYS) {
            MDC.remove(key.mdc());
        }
    }
}
