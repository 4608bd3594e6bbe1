package dev.switchboard.knowledge.base;

import dev.switchboard.events.Agent;
import dev.switchboard.schemas.Taxonomy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads knowledge-base.json ({@code agents → <agent> → categories → <intent> → {...}}) and refuses a file that is
 * malformed or incomplete with a message naming the path and the field, so a bad edit never serves half a knowledge
 * base.
 */
public class KnowledgeBaseLoader {

    private final JsonMapper json;

    public KnowledgeBaseLoader(JsonMapper json) {
        this.json = json;
    }

    /** Validates a document given as text (a published version, a file read by {@link KnowledgeBaseSource}). */
    public KnowledgeBase load(String content, String source) {
        return load(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), source);
    }

    public KnowledgeBase load(InputStream in, String source) {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JacksonException e) {
            throw new InvalidKnowledgeBaseException(source, "$", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidKnowledgeBaseException(source, "$", "must be a JSON object");
        }
        JsonNode agents = object(root, "agents", source, "$");
        Map<String, KnowledgeBase.Entry> entries = new LinkedHashMap<>();
        Set<String> articleIds = new HashSet<>();
        for (var agentField : agents.properties()) {
            String agentPath = "$.agents." + agentField.getKey();
            Agent agent;
            try {
                agent = Agent.valueOf(agentField.getKey());
            } catch (IllegalArgumentException e) {
                throw new InvalidKnowledgeBaseException(source, agentPath, "is not an agent (tech_support, billing, general)");
            }
            for (var category : object(agentField.getValue(), "categories", source, agentPath).properties()) {
                String intent = category.getKey();
                String path = agentPath + ".categories." + intent;
                var taxonomyIntent = Taxonomy.intent(intent).orElseThrow(
                        () -> new InvalidKnowledgeBaseException(source, path, "is not an intent of the taxonomy"));
                if (taxonomyIntent.agent() != agent) {
                    throw new InvalidKnowledgeBaseException(source, path,
                            "belongs under agent " + taxonomyIntent.agent() + " in the taxonomy");
                }
                entries.put(intent, entry(intent, agent, category.getValue(), source, path, articleIds));
            }
        }
        List<String> missing = Taxonomy.intents().keySet().stream().filter(i -> !entries.containsKey(i)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidKnowledgeBaseException(source, "$.agents", "lacks taxonomy intents " + missing);
        }
        return new KnowledgeBase(text(root, "version", source, "$"), entries);
    }

    private KnowledgeBase.Entry entry(String intent, Agent agent, JsonNode node, String source, String path,
            Set<String> articleIds) {
        double confidence = number(node, "confidence", source, path);
        if (confidence < 0 || confidence > 1) {
            throw new InvalidKnowledgeBaseException(source, path + ".confidence", "must be between 0 and 1");
        }
        List<KnowledgeBase.Article> articles = new ArrayList<>();
        JsonNode articleNodes = array(node, "articles", source, path);
        for (int i = 0; i < articleNodes.size(); i++) {
            String articlePath = path + ".articles[" + i + "]";
            JsonNode article = articleNodes.get(i);
            String id = text(article, "id", source, articlePath);
            if (!articleIds.add(id)) {
                throw new InvalidKnowledgeBaseException(source, articlePath + ".id", "repeats article id " + id);
            }
            articles.add(new KnowledgeBase.Article(id, text(article, "title", source, articlePath),
                    text(article, "text", source, articlePath)));
        }
        return new KnowledgeBase.Entry(intent, agent, text(node, "title", source, path),
                strings(node, "keywords", source, path), text(node, "response", source, path), confidence,
                strings(node, "examples", source, path), List.copyOf(articles), strings(node, "followUps", source, path));
    }

    private static JsonNode object(JsonNode node, String field, String source, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isObject() || value.isEmpty()) {
            throw new InvalidKnowledgeBaseException(source, path + "." + field, "must be a non-empty object");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String field, String source, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw new InvalidKnowledgeBaseException(source, path + "." + field, "must be a non-empty array");
        }
        return value;
    }

    private static String text(JsonNode node, String field, String source, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new InvalidKnowledgeBaseException(source, path + "." + field, "must be a non-empty string");
        }
        return value.asString();
    }

    private static double number(JsonNode node, String field, String source, String path) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new InvalidKnowledgeBaseException(source, path + "." + field, "must be a number");
        }
        return value.asDouble();
    }

    private static List<String> strings(JsonNode node, String field, String source, String path) {
        JsonNode values = array(node, field, source, path);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (!value.isString() || value.asString().isBlank()) {
                throw new InvalidKnowledgeBaseException(source, path + "." + field + "[" + i + "]",
                        "must be a non-empty string");
            }
            result.add(value.asString());
        }
        return List.copyOf(result);
    }

    /** Loads the knowledge base shipped with the service. */
    public KnowledgeBase loadClasspath(String resource) {
        try (InputStream in = KnowledgeBaseLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new InvalidKnowledgeBaseException(resource, "$", "is not on the classpath");
            }
            return load(in, resource);
        } catch (IOException e) {
            throw new InvalidKnowledgeBaseException(resource, "$", "cannot be read: " + e.getMessage());
        }
    }
}
