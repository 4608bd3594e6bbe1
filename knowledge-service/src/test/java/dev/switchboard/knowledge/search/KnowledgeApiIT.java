package dev.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.knowledge.KnowledgeServiceTest;
import dev.switchboard.platform.test.TestIdentity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Search, categories, feedback and the admin guard of reload over HTTP, as the gateway forwards them. */
@KnowledgeServiceTest
class KnowledgeApiIT {

    static final TestIdentity TOKENS = TestIdentity.of("knowledge-service");

    @Autowired
    WebTestClient web;

    @Test
    void searchFindsScoredArticlesWithTheStageThatMatched() {
        web.get().uri("/api/v1/knowledge/search?q={q}&limit=3", "how do I set up autopay").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.confident").isEqualTo(true)
                .jsonPath("$.hits.length()").isEqualTo(3)
                .jsonPath("$.hits[0].articleId").value(id -> assertThat((String) id).startsWith("kb-autopay_paperless-"))
                .jsonPath("$.hits[0].intent").isEqualTo("autopay_paperless")
                .jsonPath("$.hits[0].agent").isEqualTo("billing")
                .jsonPath("$.hits[0].title").isNotEmpty()
                .jsonPath("$.hits[0].snippet").value(s -> assertThat((String) s).isNotBlank().hasSizeLessThan(250))
                .jsonPath("$.hits[0].score").value(s -> assertThat(((Number) s).doubleValue()).isBetween(0.7, 1.0))
                .jsonPath("$.hits[0].stage").isEqualTo("keyword");
    }

    @Test
    void searchWithinOneAgentReturnsOnlyItsArticles() {
        web.get().uri("/api/v1/knowledge/search?q={q}&agent=general&limit=10", "my internet is down").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.hits.length()").isEqualTo(10)
                .jsonPath("$.hits[*].agent").value(agents -> assertThat((List<Object>) agents).containsOnly("general"));
    }

    @Test
    void anOffTopicSearchIsNotConfident() {
        web.get().uri("/api/v1/knowledge/search?q={q}", "write me a poem about the ocean").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.confident").isEqualTo(false);
    }

    @Test
    void badSearchParametersAreProblemsNamingTheParameter() {
        badRequest("/api/v1/knowledge/search", "q", "q: must not be blank");
        badRequest("/api/v1/knowledge/search?q={q}", "q", "q: must not be blank", "   ");
        badRequest("/api/v1/knowledge/search?q=wifi&limit=0", "limit", "limit: must be a whole number from 1 to 20");
        badRequest("/api/v1/knowledge/search?q=wifi&limit=ten", "limit", "limit: must be a whole number from 1 to 20");
        badRequest("/api/v1/knowledge/search?q=wifi&agent=sales", "agent",
                "agent: must be one of tech_support, billing, general");
        badRequest("/api/v1/knowledge/search?q={q}", "q", "q: must be at most 4000 characters", "a".repeat(4001));
    }

    @Test
    void categoriesAreListedByAgent() {
        web.get().uri("/api/v1/knowledge/categories").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.version").isNotEmpty()
                .jsonPath("$.agents[*].agent").value(a -> assertThat((List<Object>) a)
                        .containsExactly("tech_support", "billing", "general"))
                .jsonPath("$.agents[0].categories[?(@.intent == 'wifi_setup')].articles[0].id")
                .value(ids -> assertThat((List<?>) ids).singleElement().asString().startsWith("kb-wifi_setup-"));

        web.get().uri("/api/v1/knowledge/categories?agent=billing").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.agents.length()").isEqualTo(1)
                .jsonPath("$.agents[0].categories.length()").isEqualTo(9);

        badRequest("/api/v1/knowledge/categories?agent=nobody", "agent",
                "agent: must be one of tech_support, billing, general");
    }

    @Test
    void feedbackIsCountedPerArticleAndExposedAsAMetric() {
        // Given two votes on one article
        feedback("alice", Map.of("articleId", "kb-wifi_setup-1", "helpful", true)).expectStatus().isAccepted();
        feedback("bob", Map.of("articleId", "kb-wifi_setup-1", "helpful", false, "comment", "too long"))
                .expectStatus().isAccepted()
                // Then both are counted
                .expectBody()
                .jsonPath("$.articleId").isEqualTo("kb-wifi_setup-1")
                .jsonPath("$.helpful").value(n -> assertThat(((Number) n).longValue()).isGreaterThanOrEqualTo(1))
                .jsonPath("$.notHelpful").value(n -> assertThat(((Number) n).longValue()).isGreaterThanOrEqualTo(1));

        // And the metrics show them, beside the retrieval latency histogram
        // (a scrape can outgrow the client's 64 KiB default in a context other tests have used)
        web.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build()
                .get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(text -> assertThat(text)
                        .contains("knowledge_feedback_total{", "article=\"kb-wifi_setup-1\"", "helpful=\"false\"")
                        .contains("knowledge_retrieval_seconds_bucket{"));
    }

    @Test
    void badFeedbackIsRefusedNamingTheField() {
        feedback("alice", Map.of("articleId", "kb-nothing-9", "helpful", true)).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("articleId: no article kb-nothing-9 in the knowledge base")
                .jsonPath("$.fields[0]").isEqualTo("articleId");
        feedback("alice", Map.of("articleId", "kb-wifi_setup-1")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).startsWith("helpful: "))
                .jsonPath("$.fields[0]").isEqualTo("helpful");
        web.post().uri("/api/v1/knowledge/feedback").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("articleId", "kb-wifi_setup-1", "helpful", true)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void onlyAdminsMayReload() {
        web.post().uri("/api/v1/knowledge/admin/reload").headers(TOKENS.user("agent", "agent")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        web.post().uri("/api/v1/knowledge/admin/reload").exchange().expectStatus().isUnauthorized();
    }

    private WebTestClient.ResponseSpec feedback(String user, Map<String, Object> body) {
        return web.post().uri("/api/v1/knowledge/feedback").headers(TOKENS.user(user, "customer")).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange();
    }

    private void badRequest(String uri, String field, String detail, Object... variables) {
        web.get().uri(uri, variables).headers(TOKENS.user("alice")).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail").isEqualTo(detail)
                .jsonPath("$.fields[0]").isEqualTo(field);
    }
}
