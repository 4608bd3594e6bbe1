package dev.switchboard.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.schemas.kafka.SchemaHistory;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

    private final Map<Class<? extends SpecificRecord>, List<Schema>> history = SchemaHistory.load();

    @Test
    void everyEventHasAReleasedVersion() {
        assertThat(history.keySet()).containsExactlyInAnyOrderElementsOf(Events.TYPES);
    }

    @Test
    void currentSchemaReadsEveryReleasedVersion() {
        for (Class<? extends SpecificRecord> type : Events.TYPES) {
            Schema current = Events.schemaOf(type);
            for (Schema released : history.get(type)) {
                assertThat(readerCanRead(current, released))
                        .as("current %s reads data written with a released version", type.getSimpleName())
                        .isTrue();
            }
        }
    }

    /**
     * A changed schema is released with the change: otherwise the next change's consumers could not read what this
     * version's producers wrote during a rolling upgrade (three events had changed unrecorded until this test).
     */
    @Test
    void theCurrentSchemaOfEveryEventIsItsLatestReleasedVersion() {
        for (Class<? extends SpecificRecord> type : Events.TYPES) {
            List<Schema> released = history.get(type);
            assertThat(SchemaNormalization.parsingFingerprint64(released.get(released.size() - 1)))
                    .as("%s's current schema is the last in avro-history/index.txt", type.getSimpleName())
                    .isEqualTo(SchemaNormalization.parsingFingerprint64(Events.schemaOf(type)));
        }
    }

    @Test
    void aFieldAddedWithoutDefaultIsCaught() {
        // Given the released ChatReplied and a change that adds a field without a default
        Schema released = history.get(dev.switchboard.events.ChatReplied.class).get(0);
        String changed = released.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},");

        // When the changed schema reads old data, Then the check fails
        assertThat(readerCanRead(new Schema.Parser().parse(changed), released)).isFalse();
    }

    @Test
    void aFieldAddedWithDefaultPasses() {
        Schema released = history.get(dev.switchboard.events.ChatReplied.class).get(0);
        String changed = released.toString().replaceFirst("\"fields\":\\[",
                "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\",\"default\":\"main\"},");

        assertThat(readerCanRead(new Schema.Parser().parse(changed), released)).isTrue();
    }

    private static boolean readerCanRead(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
                == SchemaCompatibilityType.COMPATIBLE;
    }
}
