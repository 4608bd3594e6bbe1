package dev.switchboard.knowledge.base;

import dev.switchboard.events.Agent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The validated knowledge base: one entry per taxonomy intent, each with its answer and citable articles, in the
 * document's order (the order intent-service reads the examples in, which its classifier's training follows).
 */
public record KnowledgeBase(String version, Map<String, Entry> entries) {

    public KnowledgeBase {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public Optional<Entry> entry(String intent) {
        return Optional.ofNullable(entries.get(intent));
    }

    /** One intent's knowledge. */
    public record Entry(String intent, Agent agent, String title, List<String> keywords, String response,
            double confidence, List<String> examples, List<Article> articles, List<String> followUps) {
    }

    /** A passage that a reply can cite. */
    public record Article(String id, String title, String text) {
    }
}
