package dev.switchboard.schemas;

import dev.switchboard.events.Agent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The intents every part of the system shares (taxonomy/kb_taxonomy.tsv), each with the agent that handles it. */
public final class Taxonomy {

    /** The intent of a message that matches none of the taxonomy with enough confidence. */
    public static final String UNKNOWN = "unknown";
    public static final String HUMAN_HANDOFF = "human_handoff";

    static final String RESOURCE = "taxonomy/kb_taxonomy.tsv";

    private static final Map<String, Intent> INTENTS = load();

    /** One intent of the taxonomy. */
    public record Intent(String id, Agent agent, String scope) {
    }

    private Taxonomy() {
    }

    /** All intents in taxonomy order. */
    public static Map<String, Intent> intents() {
        return INTENTS;
    }

    public static Optional<Intent> intent(String id) {
        return Optional.ofNullable(INTENTS.get(id));
    }

    public static Agent agentOf(String intentId) {
        return intent(intentId).map(Intent::agent).orElse(Agent.general);
    }

    private static Map<String, Intent> load() {
        try (InputStream in = Taxonomy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + RESOURCE);
            }
            Map<String, Intent> intents = new LinkedHashMap<>();
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].isBlank()) {
                    continue;
                }
                String[] columns = lines[i].split("\t");
                if (columns.length != 3) {
                    throw new IllegalStateException(RESOURCE + " line " + (i + 1) + " needs agent, intent and scope");
                }
                intents.put(columns[1].strip(),
                        new Intent(columns[1].strip(), Agent.valueOf(columns[0].strip()), columns[2].strip()));
            }
            return Collections.unmodifiableMap(intents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
