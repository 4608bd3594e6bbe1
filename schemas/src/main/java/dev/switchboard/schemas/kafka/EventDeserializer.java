package dev.switchboard.schemas.kafka;

import dev.switchboard.schemas.Events;
import dev.switchboard.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any event of the catalogue: the fingerprint in the single-object header tells which event type and schema
 * version wrote it, and Avro resolves that writer schema into the current generated class. A record of a type the
 * topic does not carry, or with an unknown fingerprint, is rejected with a clear message (and so dead-lettered).
 */
public class EventDeserializer implements Deserializer<SpecificRecord> {

    private static final int HEADER_LENGTH = 10;

    static {
        Events.trustGeneratedClasses();
    }

    private final Map<Long, Class<? extends SpecificRecord>> typesByFingerprint = new HashMap<>();
    private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders = new HashMap<>();

    public EventDeserializer() {
        this(SchemaHistory.load());
    }

    EventDeserializer(Map<Class<? extends SpecificRecord>, List<Schema>> history) {
        for (Class<? extends SpecificRecord> type : Events.TYPES) {
            Schema current = Events.schemaOf(type);
            SchemaStore.Cache store = new SchemaStore.Cache();
            store.addSchema(current);
            typesByFingerprint.put(SchemaNormalization.parsingFingerprint64(current), type);
            for (Schema previous : history.getOrDefault(type, List.of())) {
                store.addSchema(previous);
                typesByFingerprint.put(SchemaNormalization.parsingFingerprint64(previous), type);
            }
            decoders.put(type, new BinaryMessageDecoder<>(SpecificData.getForClass(type), current, store));
        }
    }

    @Override
    public SpecificRecord deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_LENGTH || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
            throw new SerializationException("Record on " + topic + " is not Avro single-object encoded");
        }
        long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Class<? extends SpecificRecord> type = typesByFingerprint.get(fingerprint);
        if (type == null) {
            throw new SerializationException(
                    "Record on " + topic + " has unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        Topics.byName(topic).filter(t -> !t.carries(type)).ifPresent(t -> {
            throw new SerializationException(topic + " does not carry " + type.getSimpleName());
        });
        try {
            return decoders.get(type).decode(data);
        } catch (Exception e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " on " + topic, e);
        }
    }
}
