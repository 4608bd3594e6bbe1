package dev.switchboard.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may call what on one service, as a table: each route (method and path) with the status every kind of caller
 * must get. {@link #check} fails on any status that differs, and on a route of the service that the table does not
 * list, so a new endpoint cannot go in without saying who may call it.
 */
public final class SecurityMatrix {

    /** The callers, in the column order of {@link #row}'s expected statuses. */
    public enum Caller {
        /** No token at all. */
        ANONYMOUS,
        /** No token, and the identity headers services once believed. */
        FORGED_HEADERS,
        /** A token with the gateway's name and claims (admin), signed with a key nobody trusts. */
        FOREIGN_KEY,
        /** The gateway's token for an admin, addressed to another service. */
        OTHER_AUDIENCE,
        /** The customer who owns the data the path names. */
        CUSTOMER,
        /** Another customer. */
        OTHER_CUSTOMER,
        AGENT,
        ADMIN,
        /** llm-fallback-service, as itself. */
        LLM_FALLBACK,
        /** The gateway as itself (API documents, health details). */
        GATEWAY,
        /** The gateway's token for an admin, signed with its key, expired an hour ago. */
        EXPIRED,
        /** The gateway's token for an admin, signed with its key, without an expiry. */
        WITHOUT_EXP;

        /** The callers a row names a status for; the others are refused like a token nobody trusts. */
        static final int IN_ROWS = GATEWAY.ordinal() + 1;
    }

    /** One route and what each caller gets, in {@link Caller} order. */
    public record Row(HttpMethod method, String path, String body, int[] expected) {
    }

    /** How long one call may take: the API document is built on its first request. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private final String service;
    private final String owner;
    private final List<Row> rows = new ArrayList<>();

    private SecurityMatrix(String service, String owner) {
        this.service = service;
        this.owner = owner;
    }

    /** A matrix for {@code service}, whose data in the rows belongs to {@code owner}. */
    public static SecurityMatrix of(String service, String owner) {
        return new SecurityMatrix(service, owner);
    }

    /**
     * A route, with a JSON body or null, and the statuses of the callers in {@link Caller} order, up to
     * {@link Caller#GATEWAY}: an expired token, or one without expiry, gets what a token signed with a foreign key
     * gets, whatever its claims.
     */
    public SecurityMatrix row(HttpMethod method, String path, String body, int... expected) {
        assertThat(expected).as(method + " " + path + ": one status per caller").hasSize(Caller.IN_ROWS);
        rows.add(new Row(method, path, body, expected));
        return this;
    }

    /**
     * The rows every service has alike: its API documents (for any caller a service vouches for) and its actuator
     * (liveness and Prometheus open to whoever reaches the port, a bad token refused; nothing else of it to anyone;
     * liveness rather than the whole health, which a test context without a server reports as not ready).
     */
    public SecurityMatrix documentsAndActuator() {
        return row(GET, "/v3/api-docs", null, 401, 401, 401, 401, 200, 200, 200, 200, 200, 200)
                .row(GET, "/v3/api-docs.yaml", null, 401, 401, 401, 401, 200, 200, 200, 200, 200, 200)
                .row(GET, "/actuator/health/liveness", null, 200, 200, 401, 401, 200, 200, 200, 200, 200, 200)
                .row(GET, "/actuator/prometheus", null, 200, 200, 401, 401, 200, 200, 200, 200, 200, 200)
                .row(GET, "/actuator/metrics", null, 401, 401, 401, 401, 403, 403, 403, 403, 403, 403);
    }

    /**
     * Calls every row as every caller and compares the statuses; then checks each route of {@code mappings} (the
     * service's controllers) is in the table, by its pattern.
     */
    public void check(WebTestClient web, RequestMappingHandlerMapping mappings, Map<String, String> patternsOfPaths) {
        WebTestClient patient = patient(web);
        Map<String, String> wrong = new LinkedHashMap<>();
        for (Row row : rows) {
            for (Caller caller : Caller.values()) {
                WebTestClient.RequestBodySpec request = patient.method(row.method()).uri(row.path())
                        .headers(headers(caller));
                WebTestClient.ResponseSpec response = row.body() == null ? request.exchange()
                        : request.contentType(MediaType.APPLICATION_JSON).bodyValue(row.body()).exchange();
                // the body is read and dropped: one left unread holds its connection, and the client's pool is small
                FluxExchangeResult<Void> result = response.returnResult(Void.class);
                result.getResponseBody().blockLast(PATIENCE);
                int status = result.getStatus().value();
                int expected = row.expected()[caller.ordinal() < Caller.IN_ROWS ? caller.ordinal()
                        : Caller.FOREIGN_KEY.ordinal()];
                if (status != expected) {
                    wrong.put(row.method() + " " + row.path() + " as " + caller, "got " + status + ", expected "
                            + expected);
                }
            }
        }
        assertThat(wrong).as("statuses that differ from the matrix").isEmpty();

        Set<String> covered = new TreeSet<>();
        rows.forEach(row -> covered.add(row.method() + " " + patternsOfPaths.getOrDefault(row.path(), row.path())));
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternsCondition().getPatterns()
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(
                        method -> routes.add(method.name() + " " + pattern.getPatternString()))));
        assertThat(covered).as("every route of " + service + " is in the matrix").containsAll(routes);
    }

    /**
     * The client a matrix calls with: patient, since the first call of a route (the API document above all) may take
     * seconds on a busy machine. Its connections are kept alive, as a customer's are, across refused calls: that is
     * where reactor-netty's keep-alive stall showed (KeepAliveReads).
     */
    public static WebTestClient patient(WebTestClient web) {
        return web.mutate().responseTimeout(PATIENCE).build();
    }

    private Consumer<HttpHeaders> headers(Caller caller) {
        TestIdentity tokens = TestIdentity.of(service);
        return switch (caller) {
            case ANONYMOUS -> headers -> { };
            case FORGED_HEADERS -> headers -> {
                headers.set("X-User-Id", owner);
                headers.set("X-User-Roles", "admin");
            };
            case FOREIGN_KEY -> tokens.forged(owner, "admin");
            case OTHER_AUDIENCE -> tokens.addressedTo("some-other-service", "root", "admin");
            case CUSTOMER -> tokens.user(owner);
            case OTHER_CUSTOMER -> tokens.user("mallory");
            case AGENT -> tokens.user("carol", "agent");
            case ADMIN -> tokens.user("root", "admin");
            case LLM_FALLBACK -> tokens.service("llm-fallback-service");
            case GATEWAY -> tokens.service("gateway-service");
            case EXPIRED -> tokens.signedUntil(Instant.now().minusSeconds(7200), Instant.now().minusSeconds(3600),
                    "root", "admin");
            case WITHOUT_EXP -> tokens.signedUntil(Instant.now(), null, "root", "admin");
        };
    }
}
