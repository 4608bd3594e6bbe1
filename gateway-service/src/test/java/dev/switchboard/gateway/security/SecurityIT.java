package dev.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalIdentity;
import dev.switchboard.platform.test.TestIdentity;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/** Who may call what, through the real gateway, with a backend that echoes the identity it was given. */
@GatewayServiceTest
// the loggers that see a request's URI, at their most talkative, for the test that no token reaches a log
@TestPropertySource(properties = {"logging.level.org.springframework.web=DEBUG",
        "logging.level.org.springframework.security=DEBUG", "logging.level.org.springframework.cloud.gateway=DEBUG",
        "logging.level.reactor.netty.http.server=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
@SuppressWarnings("unchecked")
class SecurityIT {

    static final String ALLOWED_ORIGIN = "https://chat.example";

    /** Answers every request with the Authorization header it received. */
    static final DisposableServer BACKEND = HttpServer.create().port(0)
            .handle((request, response) -> response.header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"authorization\":\""
                            + request.requestHeaders().get(HttpHeaders.AUTHORIZATION) + "\"}")))
            .bindNow();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        String url = "http://localhost:" + BACKEND.port();
        registry.add("CHAT_SERVICE_URL", () -> url);
        registry.add("ANALYTICS_SERVICE_URL", () -> url);
        registry.add("CORS_ALLOWED_ORIGINS", () -> ALLOWED_ORIGIN);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.disposeNow();
    }

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @Test
    void withoutATokenTheApiAnswers401AsProblemJson() {
        web.get().uri("/api/v1/chat/conversations").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("/api/v1/auth/token"));
    }

    @Test
    void expiredForgedOrForeignTokensAre401() {
        Instant past = Instant.now().minusSeconds(7200);
        String expired = sign(TestIdentity.DEV_ISSUER_SECRET, SecurityProperties.DEV_ISSUER, past,
                past.plusSeconds(60));
        String forged = sign("another-secret-that-is-long-enough-000000", SecurityProperties.DEV_ISSUER,
                Instant.now(), Instant.now().plusSeconds(600));
        String foreign = sign(TestIdentity.DEV_ISSUER_SECRET, "https://evil.example", Instant.now(),
                Instant.now().plusSeconds(600));

        for (String token : List.of(expired, forged, foreign, "not-a-jwt")) {
            web.get().uri("/api/v1/chat/conversations").headers(h -> h.setBearerAuth(token)).exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aTokenWithoutExpiryIsRefused() {
        // Given a token signed with the right key and issuer but without exp, so it would never expire
        String neverExpires = sign(TestIdentity.DEV_ISSUER_SECRET, SecurityProperties.DEV_ISSUER, Instant.now(),
                null);

        // When it is used, Then it is refused as a token without expiry
        web.get().uri("/api/v1/chat/conversations").headers(h -> h.setBearerAuth(neverExpires)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("exp"));
    }

    @Test
    void theServiceGetsTheGatewaysInternalTokenForTheCallerAndNotTheClients() {
        // Given alice's token, and headers that once named the caller
        String alice = token("alice", "switchboard");

        // When she calls a route
        Map<String, Object> seen = web.get().uri("/api/v1/chat/conversations").headers(h -> {
            h.setBearerAuth(alice);
            h.set("X-User-Id", "bob");
            h.set("X-User-Roles", "admin");
        }).exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();

        // Then chat-service receives a token the gateway signed for alice, addressed to it, and not hers
        String authorization = (String) seen.get("authorization");
        assertThat(authorization).startsWith("Bearer ").doesNotContain(alice);
        Jwt internal = InternalIdentity.decoder("chat-service", new InternalAuthProperties(null,
                Map.of("gateway-service", TestIdentity.gatewayPublicKey()), List.of(), Duration.ofMinutes(2), 100))
                .decode(authorization.substring("Bearer ".length())).block();
        assertThat(internal.getSubject()).isEqualTo("alice");
        assertThat(internal.getClaimAsStringList("roles")).containsExactly("customer");
        assertThat(internal.getAudience()).containsExactly("chat-service");
        assertThat(internal.getExpiresAt()).isBefore(Instant.now().plusSeconds(121));
    }

    @Test
    void analyticsNeedsTheAgentOrAdminRole() {
        web.get().uri("/api/v1/analytics/overview").headers(h -> h.setBearerAuth(token("alice", "switchboard")))
                .exchange().expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);

        web.get().uri("/api/v1/analytics/overview").headers(h -> h.setBearerAuth(token("agent", "switchboard")))
                .exchange().expectStatus().isOk();
    }

    @Test
    void adminOperationsNeedTheAdminRoleAtTheEdge() {
        for (String path : new String[] {"/api/v1/knowledge/admin/reload", "/api/v1/analytics/admin/rebuild"}) {
            web.post().uri(path).headers(h -> h.setBearerAuth(token("agent", "switchboard")))
                    .exchange().expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void aWrongPasswordGetsNoToken() {
        web.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "alice", "password", "guess")).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void aGuestTokenIsACustomerOfItsOwn() {
        Map<?, ?> guest = web.post().uri("/api/v1/auth/token").exchange().expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat((String) guest.get("userId")).startsWith("guest-");
        assertThat(guest.get("roles")).isEqualTo(List.of("customer"));
        assertThat(guest.get("token_type")).isEqualTo("Bearer");
    }

    @Test
    void theWebSocketHandshakeLetsInOnlyTheAllowedOriginsTheGatewaysOwnAndClientsWithoutOrigin() {
        String alice = token("alice", "switchboard");

        // Given a page on a foreign origin, When it opens the chat WebSocket with alice's token, Then it is refused
        assertThat(handshake(alice, "https://evil.example")).isEqualTo(403);

        // And an allowed origin, the gateway's own pages and a client that sends no Origin are let in
        assertThat(handshake(alice, ALLOWED_ORIGIN)).isEqualTo(101);
        assertThat(handshake(alice, "http://localhost:" + port)).isEqualTo(101);
        assertThat(handshake(alice, null)).isEqualTo(101);
    }

    @Test
    void aTokenInTheQueryNeverReachesALogNorAnErrorBody(CapturedOutput output) {
        // Given a valid token and a forged one, each passed as ?access_token= as browsers must for a WebSocket
        String valid = token("alice", "switchboard");
        String forged = sign("another-secret-that-is-long-enough-000000", SecurityProperties.DEV_ISSUER,
                Instant.now(), Instant.now().plusSeconds(600));

        // When each opens the chat WebSocket, and the forged one calls the API
        assertThat(handshake(valid, null)).isEqualTo(101);
        assertThat(handshake(forged, null)).isEqualTo(401);
        String problem = web.get().uri("/api/v1/chat/conversations?access_token={token}", forged).exchange()
                .expectStatus().isUnauthorized().expectBody(String.class).returnResult().getResponseBody();

        // Then neither token is in the log (its loggers at DEBUG), nor echoed in the problem's instance
        assertThat(output.getAll()).doesNotContain(valid).doesNotContain(forged);
        assertThat(problem).contains("/api/v1/chat/conversations").doesNotContain(forged);
    }

    @Test
    void theWebPagesNeedNoTokenAndRunOnlyThisOriginsScripts() {
        for (String page : List.of("/", "/dashboard")) {
            web.get().uri(page).accept(MediaType.TEXT_HTML).exchange()
                    .expectStatus().isOk()
                    .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader().value("Content-Security-Policy",
                            csp -> assertThat(csp).contains("script-src 'self'").contains("connect-src 'self'"));
        }
        web.get().uri("/chat.js").exchange().expectStatus().isOk();
    }

    private String token(String username, String password) {
        return (String) web.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }

    /** Opens the chat WebSocket with the token in the query; the handshake's status (101 when it is upgraded). */
    private int handshake(String token, String origin) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (origin != null) {
            builder.header("Origin", origin);
        }
        try {
            builder.buildAsync(URI.create("ws://localhost:" + port + "/api/v1/chat/ws?access_token=" + token),
                    new WebSocket.Listener() { }).join().abort();
            return 101;
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private static String sign(String secret, String issuer, Instant issuedAt, Instant expiresAt) {
        return sign(secret, issuer, "mallory", List.of("admin"), issuedAt, expiresAt);
    }

    /** A token of {@code issuer} signed with {@code secret}; without exp when {@code expiresAt} is null. */
    static String sign(String secret, String issuer, String subject, List<String> roles, Instant issuedAt,
            Instant expiresAt) {
        var encoder = NimbusJwtEncoder.withSecretKey(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).algorithm(MacAlgorithm.HS256)
                .build();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(issuer).subject(subject).issuedAt(issuedAt)
                .claim("roles", roles);
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
    }
}
