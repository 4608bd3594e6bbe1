package dev.switchboard.intent.routing;

import dev.switchboard.language.Words;
import dev.switchboard.schemas.Taxonomy;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * What each intent is called to a customer (the titles of the knowledge base version serving): a clarifying
 * question's button labels.
 */
record IntentTitles(Supplier<Map<String, String>> byIntent) {

    static final String SOMETHING_ELSE = "Something else / a person";

    IntentTitles(Map<String, String> fixed) {
        this(() -> fixed);
    }

    String label(String intent) {
        return Taxonomy.HUMAN_HANDOFF.equals(intent) ? SOMETHING_ELSE : byIntent.get().getOrDefault(intent, intent);
    }

    /** Titles as the customer's words are compared with them. */
    Map<String, String> normalized() {
        return byIntent.get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Words.normalize(e.getValue())));
    }
}
