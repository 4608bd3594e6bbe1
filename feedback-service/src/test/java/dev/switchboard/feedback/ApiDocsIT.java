package dev.switchboard.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.test.ApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@FeedbackServiceTest
class ApiDocsIT {

    @Autowired
    WebTestClient web;

    @Test
    void everyResponseHasATypedBody() {
        // Given the service's OpenAPI document
        String document = ApiDocs.fetchAsGateway(web, "feedback-service", "/api/v1/feedback", "/api/v1/feedback/rating", "/api/v1/feedback/summary");

        // When its responses are read, Then each names its fields
        assertThat(ApiDocs.untypedResponses(document)).isEmpty();
    }
}
