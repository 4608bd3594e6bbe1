package dev.switchboard.llm.security;

import static org.springframework.http.HttpMethod.GET;

import dev.switchboard.llm.LlmFallbackServiceTest;
import dev.switchboard.platform.test.SecurityMatrix;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of llm-fallback-service against every kind of caller (issue 15, findings 1 and 10): it has no API of
 * its own (it works from the topics), so only its documents and actuator are served, the documents to any caller the
 * gateway or a service vouches for, and of the actuator only health and Prometheus to anyone who reaches the port.
 */
@LlmFallbackServiceTest
class SecurityMatrixIT {

    @Autowired
    WebTestClient web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyRouteAnswersEachCallerAsTheMatrixSays() {
        // When every route is called as every caller, Then each gets its status
        // columns: anonymous, forged headers, foreign key, other audience, alice, mallory, agent, admin,
        //          llm-fallback-service, gateway-service itself
        SecurityMatrix.of("llm-fallback-service", "alice")
                .documentsAndActuator()
                .row(GET, "/api/v1/anything", null, 401, 401, 401, 401, 404, 404, 404, 404, 403, 403)
                .check(web, mappings, Map.of());
    }
}
