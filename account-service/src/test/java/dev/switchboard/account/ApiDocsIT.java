package dev.switchboard.account;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.platform.test.ApiDocs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

@AccountServiceTest
class ApiDocsIT {

    @Autowired
    WebTestClient web;

    @Test
    void everyResponseHasATypedBody() {
        // Given the service's OpenAPI document
        String document = ApiDocs.fetchAsGateway(web, "account-service", "/api/v1/account/lookups",
                "/api/v1/account/me", "/api/v1/account/customers/{customerId}/lines/{lineId}/refuel",
                "/api/v1/account/transfers", "/api/v1/account/admin/reset");

        // When its responses are read, Then each names its fields
        assertThat(ApiDocs.untypedResponses(document)).isEmpty();
    }
}
