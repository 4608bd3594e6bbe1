package dev.switchboard.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.test.ApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@AnalyticsServiceTest
class ApiDocsIT {

    @Autowired
    WebTestClient web;

    @Test
    void everyResponseHasATypedBody() {
        // Given the service's OpenAPI document
        String document = ApiDocs.fetchAsGateway(web, "analytics-service", "/api/v1/analytics/overview", "/api/v1/analytics/metrics",
                "/api/v1/analytics/intents", "/api/v1/analytics/satisfaction", "/api/v1/analytics/actions",
                "/api/v1/analytics/knowledge-gaps",
                "/api/v1/analytics/admin/rebuild");

        // When its responses are read, Then each names its fields
        assertThat(ApiDocs.untypedResponses(document)).isEmpty();
    }
}
