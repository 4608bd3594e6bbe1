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
 * The gateway's public routes against every kind of caller (issue 15): what each gets, and that a refused call never
 * reaches a service. Every service is one backend here that answers 200 and counts the API calls it gets.
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
        for (String service : List.of("CHAT", "FEEDBACK", "KNOWLEDGE", "ANALYTICS")) {
            registry.add(service + "_SERVICE_URL", () -> url);
        }
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @Autowired
    WebTestClient web;

    /** The callers, in the column order of the table. */
    enum Caller { ANONYMOUS, FORGED_HEADERS, FOREIGN_KEY, EXPIRED, WITHOUT_EXP, CUSTOMER, AGENT, ADMIN }

    record Row(HttpMethod method, String path, String body, int... expected) {
    }

    @Test
    void everyPublicRouteAnswersEachCallerAsTheMatrixSays() {
        // Given the table: columns anonymous, forged identity headers, a token signed with another key, expired,
        //       without exp, customer, agent, admin
        List<Row> rows = List.of(
                new Row(GET, "/api/v1/chat/conversations", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/profile", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/feedback/summary", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/api/v1/knowledge/articles", null, 401, 401, 401, 401, 401, 200, 200, 200),
                new Row(POST, "/api/v1/knowledge/admin/reload", null, 401, 401, 401, 401, 401, 403, 403, 200),
                new Row(GET, "/api/v1/analytics/overview", null, 401, 401, 401, 401, 401, 403, 200, 200),
                new Row(POST, "/api/v1/analytics/admin/rebuild", null, 401, 401, 401, 401, 401, 403, 403, 200),
                // an empty message is refused by the gateway itself, after the caller is known
                new Row(POST, "/api/v1/chat/messages", "{}", 401, 401, 401, 401, 401, 400, 400, 400),
                // a conversation id the gateway did not mint for the caller is nobody's to write into (finding 6)
                new Row(POST, "/api/v1/chat/messages", "{\"content\":\"hi\",\"conversationId\":\"c-1\"}",
                        401, 401, 401, 401, 401, 403, 403, 403),
                new Row(POST, "/api/v1/chat/conversations", null, 401, 401, 401, 401, 401, 201, 201, 201),
                // the static pages are public, but a bad token is refused wherever it is presented
                new Row(GET, "/", null, 200, 200, 401, 401, 401, 200, 200, 200),
                new Row(GET, "/dashboard", null, 200, 200, 401, 401, 401, 200, 200, 200));

        // When every route is called as every caller (the first call of a route may take seconds on a busy machine)
        WebTestClient patient = web.mutate().responseTimeout(SecurityMatrix.PATIENCE).build();
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
