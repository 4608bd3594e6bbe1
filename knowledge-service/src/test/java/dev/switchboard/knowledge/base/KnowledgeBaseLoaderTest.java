package dev.switchboard.knowledge.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.schemas.Taxonomy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class KnowledgeBaseLoaderTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final KnowledgeBaseLoader loader = new KnowledgeBaseLoader(json);

    @Test
    void theShippedKnowledgeBaseCoversEveryIntentOfTheTaxonomy() {
        KnowledgeBase kb = loader.loadClasspath("knowledge-base.json");

        assertThat(kb.entries().keySet()).containsExactlyInAnyOrderElementsOf(Taxonomy.intents().keySet());
        kb.entries().values().forEach(entry -> {
            assertThat(entry.agent()).isEqualTo(Taxonomy.agentOf(entry.intent()));
            assertThat(entry.examples()).as(entry.intent()).hasSizeGreaterThanOrEqualTo(30);
            // customers write long: at least 12 examples of every intent have 15 words or more
            assertThat(entry.examples()).as(entry.intent())
                    .filteredOn(e -> e.split("\\s+").length >= 15).hasSizeGreaterThanOrEqualTo(12);
            assertThat(entry.articles()).as(entry.intent()).isNotEmpty();
        });
    }

    @Test
    void aCompleteFileLoads() {
        KnowledgeBase kb = load(complete());

        assertThat(kb.version()).isEqualTo("test");
        assertThat(kb.entry("slow_internet")).get().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Title of slow_internet");
            assertThat(e.articles()).extracting(KnowledgeBase.Article::id).containsExactly("kb-slow_internet-1");
        });
    }

    @Test
    void aMissingFieldIsNamedWithItsPath() {
        ObjectNode kb = complete();
        category(kb, "billing", "refunds_credits").remove("response");

        assertThatThrownBy(() -> load(kb)).isInstanceOf(InvalidKnowledgeBaseException.class)
                .hasMessage("test.json: $.agents.billing.categories.refunds_credits.response must be a non-empty string");
    }

    @Test
    void anIntentUnderTheWrongAgentOrOutsideTheTaxonomyIsRefused() {
        ObjectNode kb = complete();
        ((ObjectNode) kb.get("agents").get("billing").get("categories")).set("wifi_setup",
                category(kb, "tech_support", "wifi_setup").deepCopy());
        assertThatThrownBy(() -> load(kb)).hasMessageContaining("wifi_setup belongs under agent tech_support");

        ObjectNode other = complete();
        ((ObjectNode) other.get("agents").get("general").get("categories")).set("astrology",
                category(other, "general", "greeting").deepCopy());
        assertThatThrownBy(() -> load(other)).hasMessageContaining("astrology is not an intent of the taxonomy");
    }

    @Test
    void aMissingIntentOrARepeatedArticleIdOrBrokenJsonIsRefused() {
        ObjectNode kb = complete();
        ((ObjectNode) kb.get("agents").get("general").get("categories")).remove("thanks");
        assertThatThrownBy(() -> load(kb)).hasMessageContaining("lacks taxonomy intents [thanks]");

        ObjectNode repeated = complete();
        ((ObjectNode) category(repeated, "general", "thanks").get("articles").get(0)).put("id", "kb-greeting-1");
        assertThatThrownBy(() -> load(repeated)).hasMessageContaining("repeats article id kb-greeting-1");

        assertThatThrownBy(() -> loader.load(new ByteArrayInputStream("{\"agents\":".getBytes()), "broken.json"))
                .hasMessageStartingWith("broken.json: $ is not valid JSON");
    }

    private KnowledgeBase load(JsonNode kb) {
        return loader.load(new ByteArrayInputStream(json.writeValueAsString(kb).getBytes(StandardCharsets.UTF_8)),
                "test.json");
    }

    private static ObjectNode category(ObjectNode kb, String agent, String intent) {
        return (ObjectNode) kb.get("agents").get(agent).get("categories").get(intent);
    }

    private ObjectNode complete() {
        ObjectNode root = json.createObjectNode();
        root.put("version", "test");
        ObjectNode agents = root.putObject("agents");
        Taxonomy.intents().values().forEach(intent -> {
            ObjectNode agent = agents.has(intent.agent().name()) ? (ObjectNode) agents.get(intent.agent().name())
                    : agents.putObject(intent.agent().name());
            ObjectNode categories = agent.has("categories") ? (ObjectNode) agent.get("categories")
                    : agent.putObject("categories");
            categories.set(intent.id(), json.valueToTree(Map.of(
                    "title", "Title of " + intent.id(),
                    "keywords", List.of(intent.id()),
                    "response", "Answer for " + intent.id(),
                    "confidence", 0.9,
                    "examples", List.of("example of " + intent.id()),
                    "articles", List.of(Map.of("id", "kb-" + intent.id() + "-1", "title", "About " + intent.id(),
                            "text", intent.scope())),
                    "followUps", List.of("What else?"))));
        });
        return root;
    }
}
