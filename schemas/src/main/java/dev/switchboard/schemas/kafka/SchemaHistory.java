package dev.switchboard.schemas.kafka;

import dev.switchboard.schemas.Events;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The released versions of every event schema, shipped in {@code avro-history/} so a consumer that was upgraded first
 * can still read records written by producers running the previous release.
 */
public final class SchemaHistory {

    static final String INDEX = "avro-history/index.txt";

    private SchemaHistory() {
    }

    /**
     * Released schemas per event type, oldest first. Parsed once per JVM: every consumer's deserializer reads them,
     * and parsing them again cost each one about 0.1 s of a service's start (docs/benchmarks.md).
     */
    public static Map<Class<? extends SpecificRecord>, List<Schema>> load() {
        return Parsed.HISTORY;
    }

    /** Holds the history from the first {@link #load()} on. */
    private static final class Parsed {

        static final Map<Class<? extends SpecificRecord>, List<Schema>> HISTORY = parse();
    }

    private static Map<Class<? extends SpecificRecord>, List<Schema>> parse() {
        Map<Class<? extends SpecificRecord>, List<Schema>> history = new HashMap<>();
        for (String line : read(INDEX).split("\n")) {
            String path = line.strip();
            if (path.isEmpty() || path.startsWith("#")) {
                continue;
            }
            String typeName = path.substring(0, path.indexOf('/'));
            Class<? extends SpecificRecord> type = Events.TYPES.stream()
                    .filter(t -> t.getSimpleName().equals(typeName))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(INDEX + " names unknown event " + typeName));
            history.computeIfAbsent(type, t -> new ArrayList<>())
                    .add(new Schema.Parser().parse(read("avro-history/" + path)));
        }
        history.replaceAll((type, schemas) -> List.copyOf(schemas));
        return Map.copyOf(history);
    }

    private static String read(String resource) {
        try (InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
