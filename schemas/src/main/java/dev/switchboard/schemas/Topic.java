package dev.switchboard.schemas;

import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * One Kafka topic of the contract: its name, partition count, what its key is, which event types it carries, which
 * service creates it, and whether the broker compacts it (keeps only the latest record of each key) instead of
 * deleting records by age.
 */
public record Topic(String name, int partitions, String key, Set<Class<? extends SpecificRecord>> valueTypes,
        String owner, boolean compacted) {

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public Topic {
        valueTypes = Set.copyOf(valueTypes);
    }

    /** A topic whose records are deleted by age (the broker's retention), as every event stream is. */
    public Topic(String name, int partitions, String key, Set<Class<? extends SpecificRecord>> valueTypes,
            String owner) {
        this(name, partitions, key, valueTypes, owner, false);
    }

    /** Where records that failed processing after bounded retries go, with the failure in headers. */
    public String deadLetterTopic() {
        return name + DEAD_LETTER_SUFFIX;
    }

    public boolean carries(Class<?> type) {
        return valueTypes.contains(type);
    }
}
