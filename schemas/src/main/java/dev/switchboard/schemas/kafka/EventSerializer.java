package dev.switchboard.schemas.kafka;

import dev.switchboard.schemas.Events;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any generated event with Avro single-object encoding: a two-byte marker, the writer schema's 64-bit
 * fingerprint, then the binary record. Readers resolve the writer schema from the fingerprint, so no registry server
 * is needed.
 */
public class EventSerializer implements Serializer<SpecificRecord> {

    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

    @Override
    public byte[] serialize(String topic, SpecificRecord event) {
        if (event == null) {
            return null;
        }
        try {
            ByteBuffer buffer = encoders
                    .computeIfAbsent(event.getClass(),
                            type -> new BinaryMessageEncoder<>(SpecificData.getForClass(type), event.getSchema()))
                    .encode(Events.withDefaults(event));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (Exception e) {
            throw new SerializationException("Cannot encode " + event.getClass().getSimpleName() + " for " + topic, e);
        }
    }
}
