package dev.switchboard.language;

import dev.switchboard.schemas.Taxonomy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The example utterances and keywords of every intent, read from the knowledge base so the services that learn from
 * what customers say (intent classification, the guardrail's ordinary requests) and the knowledge base cannot drift
 * apart: from a version's document as knowledge-service serves it ({@link #fromJson}), or from a knowledge-base.json
 * on the class path ({@link #fromClassPath}). The titles name the intents to customers (a clarifying question's
 * buttons).
 */
public record TrainingExamples(Map<String, List<String>> examples, Map<String, List<String>> keywords,
        Map<String, String> titles) {

    public static final String RESOURCE = "knowledge-base.json";

    public static TrainingExamples fromClassPath() {
        try (InputStream in = TrainingExamples.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return parse(JsonMapper.builder().build().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The examples of a knowledge base document; throws {@link IllegalStateException} when it is not one. */
    public static TrainingExamples fromJson(String document) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(document);
        } catch (JacksonException e) {
            throw new IllegalStateException("the knowledge base is not JSON: " + e.getOriginalMessage(), e);
        }
        if (!root.path("agents").isObject()) {
            throw new IllegalStateException("the knowledge base has no agents");
        }
        return parse(root);
    }

    static TrainingExamples parse(JsonNode root) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> agent : root.path("agents").properties()) {
            for (Map.Entry<String, JsonNode> category : agent.getValue().path("categories").properties()) {
                String intent = category.getKey();
                if (Taxonomy.intent(intent).isEmpty()) {
                    throw new IllegalStateException("knowledge base intent " + intent + " is not in the taxonomy");
                }
                examples.put(intent, texts(category.getValue().path("examples")));
                keywords.put(intent, texts(category.getValue().path("keywords")));
                titles.put(intent, category.getValue().path("title").asString(intent));
            }
        }
        List<String> missing = Taxonomy.intents().keySet().stream().filter(id -> !examples.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the knowledge base has no examples for " + missing);
        }
        return new TrainingExamples(examples, keywords, titles);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asString()));
        return texts;
    }

    public int size() {
        return examples.values().stream().mapToInt(List::size).sum();
    }
}
