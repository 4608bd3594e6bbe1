package dev.switchboard.schemas;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the contract: its name, partition count, what its key is, which event types it carries and
 * which service creates it.
 */
public record Topic(String name, int partitions, String key, Set<Class<? extends SpecificRecord>> valueTypes,
        String owner) {

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public Topic {
        valueTypes = Set.copyOf(valueTypes);
    }

    /** Where records that failed processing after bounded retries go, with the failure in headers. */
    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }

    public boolean carries(Class<?> type) {
        return valueTypes.contains(type);
    }
}
