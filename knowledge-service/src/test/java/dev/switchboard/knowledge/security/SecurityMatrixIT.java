package dev.switchboard.knowledge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.knowledge.KnowledgeServiceTest;
import dev.switchboard.platform.test.SecurityMatrix;
import dev.switchboard.platform.test.TestIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of knowledge-service against every kind of caller (issue 15, finding 1): only the gateway's internal
 * token counts, any signed-in customer may search and rate articles, only an admin reads and changes the knowledge
 * base's versions, and only a consumer service (llm-fallback-service, intent-service), as itself, reads their content
 * from {@code /internal/**}.
 */
@KnowledgeServiceTest
class SecurityMatrixIT {

    @Autowired
    WebTestClient web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        // Given the knowledge base changes so far
        double changesBefore = changes();

        // When every route is called as every caller, Then each gets its status
        // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
        //          llm-fallback-service, gateway-service itself
        // (the admin's publish of "{}" is refused as invalid, 400, and the versions 987654 do not exist, 404: both
        // after the caller was let in, and neither changes the knowledge base)
        SecurityMatrix.of("knowledge-service", "alice")
                .row(GET, "/api/v1/knowledge/search?q=wifi", null, 401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(GET, "/api/v1/knowledge/categories", null, 401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(POST, "/api/v1/knowledge/feedback", "{\"articleId\":\"kb-wifi_setup-1\",\"helpful\":true}",
                        401, 401, 401, 401, 202, 202, 202, 202, 403, 403)
                .row(POST, "/api/v1/knowledge/admin/reload", null, 401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                .row(POST, "/api/v1/knowledge/admin/versions", "{}", 401, 401, 401, 401, 403, 403, 403, 400, 403, 403)
                .row(GET, "/api/v1/knowledge/admin/versions", null, 401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                .row(GET, VERSION, null, 401, 401, 401, 401, 403, 403, 403, 404, 403, 403)
                .row(GET, VERSION + "/content", null, 401, 401, 401, 401, 403, 403, 403, 404, 403, 403)
                .row(POST, VERSION + "/activate", null, 401, 401, 401, 401, 403, 403, 403, 404, 403, 403)
                .row(GET, "/api/v1/knowledge/admin/audit", null, 401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                .row(GET, "/internal/v1/knowledge/versions/active", null,
                        401, 401, 401, 401, 403, 403, 403, 403, 200, 403)
                .row(GET, "/internal/v1/knowledge/versions/1", null, 401, 401, 401, 401, 403, 403, 403, 403, 200, 403)
                .documentsAndActuator()
                .check(web, mappings, Map.of("/api/v1/knowledge/search?q=wifi", "/api/v1/knowledge/search",
                        VERSION, "/api/v1/knowledge/admin/versions/{id}",
                        VERSION + "/content", "/api/v1/knowledge/admin/versions/{id}/content",
                        VERSION + "/activate", "/api/v1/knowledge/admin/versions/{id}/activate",
                        "/internal/v1/knowledge/versions/1", "/internal/v1/knowledge/versions/{id}"));

        // And of all those callers only the admin reached the knowledge base's changes: its reload and its refused
        // publish
        assertThat(changes()).isEqualTo(changesBefore + 2);
    }

    @Test
    void intentServiceAsItselfReadsTheVersionsContentAndNothingElse() {
        // Given intent-service's own token (it trains its classifier on the versions; the matrix's service column is
        // llm-fallback-service's)
        Map<String, Integer> expected = Map.of("/internal/v1/knowledge/versions/active", 200,
                "/internal/v1/knowledge/versions/1", 200, "/api/v1/knowledge/search?q=wifi", 403,
                "/api/v1/knowledge/admin/versions", 403, "/actuator/metrics", 403);

        // When it calls the versions' content, the API, the admin API and the actuator
        // Then only the content is served
        expected.forEach((path, status) -> SecurityMatrix.patient(web).get().uri(path)
                .headers(TestIdentity.of("knowledge-service").service("intent-service")).exchange()
                .expectStatus().isEqualTo(status));
    }

    private static final String VERSION = "/api/v1/knowledge/admin/versions/987654";

    private double changes() {
        return meters.find("knowledge.version.changes").counters().stream().mapToDouble(Counter::count).sum();
    }
}
