package dev.switchboard.loadgen.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** What a simulated customer asks, and the questions of that kind (one per line in {@code questions/<kind>.txt}). */
public enum Kind {
    /** Ordinary questions the knowledge base answers: expected back as source=knowledge_base. */
    KB,
    /** In scope but without an article: answered through llm-fallback-service. */
    FALLBACK,
    /** Asking for a person: expected back as source=escalation. */
    HANDOFF;

    private final List<String> questions = load(name().toLowerCase(Locale.ROOT));

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    List<String> questions() {
        return questions;
    }

    private static List<String> load(String kind) {
        String resource = "/questions/" + kind + ".txt";
        try (InputStream in = Kind.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
