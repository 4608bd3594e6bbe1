package dev.switchboard.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.test.ApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@KnowledgeServiceTest
class ApiDocsIT {

    @Autowired
    WebTestClient web;

    @Test
    void everyResponseHasATypedBody() {
        // Given the service's OpenAPI document
        String document = ApiDocs.fetchAsGateway(web, "knowledge-service", "/api/v1/knowledge/search", "/api/v1/knowledge/categories",
                "/api/v1/knowledge/feedback", "/api/v1/knowledge/admin/reload");

        // When its responses are read, Then each names its fields
        assertThat(ApiDocs.untypedResponses(document)).isEmpty();
    }
}
