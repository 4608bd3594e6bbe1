package dev.switchboard.intent.routing;

import dev.switchboard.language.Words;
import dev.switchboard.schemas.Taxonomy;
import java.util.Map;
import java.util.stream.Collectors;

/** What each intent is called to a customer (the knowledge base's titles): a clarifying question's button labels. */
record IntentTitles(Map<String, String> byIntent) {

    static final String SOMETHING_ELSE = "Something else / a person";

    String label(String intent) {
        return Taxonomy.HUMAN_HANDOFF.equals(intent) ? SOMETHING_ELSE : byIntent.getOrDefault(intent, intent);
    }

    /** Titles as the customer's words are compared with them. */
    Map<String, String> normalized() {
        return byIntent.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> Words.normalize(e.getValue())));
    }
}
