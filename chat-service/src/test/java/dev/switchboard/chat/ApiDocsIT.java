package dev.switchboard.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.test.ApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@ChatServiceTest
class ApiDocsIT {

    @Autowired
    WebTestClient web;

    @Test
    void everyResponseHasATypedBody() {
        // Given the service's OpenAPI document
        String document = ApiDocs.fetchAsGateway(web, "chat-service", "/api/v1/chat/conversations", "/api/v1/profile");

        // When its responses are read, Then each names its fields
        assertThat(ApiDocs.untypedResponses(document)).isEmpty();
    }
}
