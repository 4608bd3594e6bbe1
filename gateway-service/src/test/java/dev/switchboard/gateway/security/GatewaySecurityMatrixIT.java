package dev.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.platform.test.SecurityMatrix;
import dev.switchboard.platform.test.TestIdentity;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Every route of the gateway, its own and the ones it routes to the services, against every kind of caller (issue
 * 15): what each gets, that a refused call never reaches a service, and that no route is left out. Every service is one backend here that answers 200 and counts the API calls it gets.
 */
@GatewayServiceTest
class GatewaySecurityMatrixIT {

    static final AtomicInteger CALLS = new AtomicInteger();
    static final DisposableServer BACKEND = HttpServer.create().port(0)
            .handle((request, response) -> {
                // the gateway's own reads (API documents, health) are not a caller's
                if (request.uri().startsWith("/api/")) {
                    CALLS.incrementAndGet();
                }
                return response.header("Content-Type", "application/json").sendString(Mono.just("{}"));
            })
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        String url = "http://localhost:" + BACKEND.port();
        for (String service : List.of("CHAT", "FEEDBACK", "KNOWLEDGE", "ANALYTICS", "ACCOUNT")) {
            registry.add(service + "_SERVICE_URL", () -> url);
        }
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    ApplicationContext context;

    /** The callers, in the column order of the table. */
    enum Caller { ANONYMOUS, FORGED_HEADERS, FOREIGN_KEY, EXPIRED, WITHOUT_EXP, CUSTOMER, AGENT, ADMIN }

    record Row(HttpMethod method, String path, String body, int... expected) {
    }

    @Test
    void everyPublicRouteAnswersEachCallerAsTheMatrixSays() {
        // Given the table: columns anonymous, forged identity headers, a token signed with another key, expired,
        //       without exp, customer, agent, admin
        List<Row> rows = List.of(
                // the gateway's own
                new Row(POST, "/api/v1/auth/token", "{}", 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/health", null, 200, 200, 401, 401, 401, 200, 200, 200),
                // an empty message is refused by the gateway itself, after the caller is known
                new Row(POST, "/api/v1/chat/messages", "{}", 401, 401, 401, 401, 401, 400, 400, 400),
                // a conversation id the gateway did not mint for the caller is nobody's to write into (finding 6)
                new Row(POST, "/api/v1/chat/messages", "{\"content\":\"hi\",\"conversationId\":\"c-1\"}",
                        401, 401, 401, 401, 401, 403, 403, 403),
                new Row(POST, "/api/v1/chat/conversations", null, 401, 401, 401, 401, 401, 201, 201, 201),
                // the WebSocket handshake: a plain GET is no upgrade (the handshake itself is in ChatGatewayIT)
                new Row(GET, "/api/v1/chat/ws", null, 401, 401, 401, 401, 401, 400, 400, 400),
                // the breakers' forward target, called directly
                new Row(GET, "/api/v1/unavailable/chat-service", null, 401, 401, 401, 401, 401, 503, 503, 503),
                // routed to the services, which check the same again with the gateway's internal token
                new Row(GET, "/api/v1/chat/conversations", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/chat/conversations/c-1/messages", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/profile", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/feedback/summary", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(POST, "/api/v1/feedback", "{}", 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/knowledge/articles", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(POST, "/api/v1/knowledge/admin/reload", null, 401, 401, 401, 401, 401, 403, 403, 200),
                new Row(GET, "/api/v1/analytics/overview", null, 401, 401, 401, 401, 401, 403, 200, 200),
                // the knowledge-gap report holds customers' questions: for KB authors (agents, admins), never customers
                new Row(GET, "/api/v1/analytics/knowledge-gaps", null, 401, 401, 401, 401, 401, 403, 200, 200),
                new Row(POST, "/api/v1/analytics/admin/rebuild", null, 401, 401, 401, 401, 401, 403, 403, 200),
                // account-service decides who sees which account (a customer their own, staff after a lookup)
                new Row(GET, "/api/v1/account/me", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(POST, "/api/v1/account/lookups", "{}", 401, 401, 401, 401, 401, 200, 200, 200),
                // the development-only seed reset (404 from the service where it is off) is an admin's at the edge
                new Row(POST, "/api/v1/account/admin/reset", null, 401, 401, 401, 401, 401, 403, 403, 200),
                // the API documents and the static pages are public, but a bad token is refused wherever it is
                // presented
                new Row(GET, "/v3/api-docs", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/v3/api-docs.yaml", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/v3/api-docs/swagger-config", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/swagger-ui.html", null, 302, 302, 401, 401, 401, 302, 302, 302),
                new Row(GET, "/swagger-ui/index.html", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/swagger-ui/swagger-initializer.js", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/webjars/swagger-ui/index.html", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/webjars/swagger-ui/swagger-initializer.js", null, 200, 200, 401, 401, 401, 200, 200,
                        200),
                new Row(GET, "/webjars/swagger-ui/5.32.2/swagger-initializer.js", null, 200, 200, 401, 401, 401, 200,
                        200, 200),
                new Row(GET, "/", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/dashboard", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/chat.js", null, 200, 200, 401, 401, 401, 200, 200, 200),
                // the gateway's Prometheus text is for an admin; the actuator is on the management port, not here
                new Row(GET, "/metrics", null, 401, 401, 401, 401, 401, 403, 403, 200),
                new Row(GET, "/actuator/prometheus", null, 401, 401, 401, 401, 401, 403, 403, 404),
                new Row(GET, "/actuator/health/liveness", null, 401, 401, 401, 401, 401, 403, 403, 404),
                new Row(GET, "/actuator/metrics", null, 401, 401, 401, 401, 401, 403, 403, 404));

        // When every route is called as every caller (the first call of a route may take seconds on a busy machine)
        WebTestClient patient = SecurityMatrix.patient(web);
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Row row : rows) {
            for (Caller caller : Caller.values()) {
                int before = CALLS.get();
                WebTestClient.RequestBodySpec request = patient.method(row.method()).uri(row.path())
                        .headers(headers(caller));
                int status = (row.body() == null ? request.exchange()
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(row.body()).exchange())
                        .returnResult(String.class).getStatus().value();
                int expected = row.expected()[caller.ordinal()];
                if (status != expected) {
                    wrong.put(row.method() + " " + row.path() + " as " + caller, "got " + status + ", expected "
                            + expected);
                }
                // Then a refused call reached no service
                if (status == 401 || status == 403) {
                    assertThat(CALLS.get()).as(row.method() + " " + row.path() + " as " + caller + " reached a service")
                            .isEqualTo(before);
                }
            }
        }

        // Then each caller got its status
        assertThat(wrong).as("statuses that differ from the matrix").isEmpty();

        // And every route the gateway serves or routes is in the table, so a new one cannot go in without a row
        assertThat(GatewayRoutes.uncovered(context, rows.stream().map(row -> row.method() + " " + row.path())
                .toList())).as("routes of the gateway that the matrix does not call").isEmpty();
    }

    private static Consumer<HttpHeaders> headers(Caller caller) {
        Instant now = Instant.now();
        String issuer = SecurityProperties.DEV_ISSUER;
        String secret = TestIdentity.DEV_ISSUER_SECRET;
        return switch (caller) {
            case ANONYMOUS -> headers -> { };
            case FORGED_HEADERS -> headers -> {
                headers.set("X-User-Id", "alice");
                headers.set("X-User-Roles", "admin");
            };
            case FOREIGN_KEY -> bearer(SecurityIT.sign("another-secret-that-is-long-enough-000000", issuer, "root",
                    List.of("admin"), now, now.plusSeconds(600)));
            case EXPIRED -> bearer(SecurityIT.sign(secret, issuer, "root", List.of("admin"), now.minusSeconds(7200),
                    now.minusSeconds(3600)));
            case WITHOUT_EXP -> bearer(SecurityIT.sign(secret, issuer, "root", List.of("admin"), now, null));
            case CUSTOMER -> bearer(SecurityIT.sign(secret, issuer, "alice", List.of("customer"), now,
                    now.plusSeconds(600)));
            case AGENT -> bearer(SecurityIT.sign(secret, issuer, "carol", List.of("agent"), now, now.plusSeconds(600)));
            case ADMIN -> bearer(SecurityIT.sign(secret, issuer, "root", List.of("admin"), now, now.plusSeconds(600)));
        };
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }
}
