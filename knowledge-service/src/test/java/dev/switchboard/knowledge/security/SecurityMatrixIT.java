package dev.switchboard.knowledge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.knowledge.KnowledgeServiceTest;
import dev.switchboard.platform.test.SecurityMatrix;
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
 * token counts, any signed-in customer may search and rate articles, and only an admin reloads the knowledge base.
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
        // Given the reloads so far
        double reloadsBefore = reloads();

        // When every route is called as every caller, Then each gets its status
        // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
        //          llm-fallback-service, gateway-service itself
        SecurityMatrix.of("knowledge-service", "alice")
                .row(GET, "/api/v1/knowledge/search?q=wifi", null, 401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(GET, "/api/v1/knowledge/categories", null, 401, 401, 401, 401, 200, 200, 200, 200, 403, 403)
                .row(POST, "/api/v1/knowledge/feedback", "{\"articleId\":\"kb-wifi_setup-1\",\"helpful\":true}",
                        401, 401, 401, 401, 202, 202, 202, 202, 403, 403)
                .row(POST, "/api/v1/knowledge/admin/reload", null, 401, 401, 401, 401, 403, 403, 403, 200, 403, 403)
                .documentsAndActuator()
                .check(web, mappings, Map.of("/api/v1/knowledge/search?q=wifi", "/api/v1/knowledge/search"));

        // And of all those callers only the admin reloaded the knowledge base
        assertThat(reloads()).isEqualTo(reloadsBefore + 1);
    }

    private double reloads() {
        Counter reloaded = meters.find("knowledge.reloads").tag("outcome", "reloaded").counter();
        return reloaded == null ? 0 : reloaded.count();
    }
}
