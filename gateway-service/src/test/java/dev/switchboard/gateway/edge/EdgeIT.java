package dev.switchboard.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.gateway.GatewayServiceTest;
import dev.switchboard.platform.test.RawHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Rate limits, unavailable services, health and metrics at the edge. */
@GatewayServiceTest
@TestPropertySource(properties = {"switchboard.gateway.rate-limit.requests=5", "switchboard.gateway.rate-limit.period=10s",
        "switchboard.gateway.rate-limit.trusted-proxies=127.0.0.1"})
@ExtendWith({OutputCaptureExtension.class, ThreadDumpOnTimeout.class})
class EdgeIT {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    private static final String LIVENESS = "GET /actuator/health/liveness HTTP/1.1\r\nHost: test\r\n\r\n";
    /** Refused at once to anonymous callers (401), and not rate-limited: the bucket of this address stays full. */
    private static final String METRICS = "GET /actuator/metrics HTTP/1.1\r\nHost: test\r\n\r\n";

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @LocalManagementPort
    int managementPort;

    @Test
    void aCallerOverTheLimitGets429WithRetryAfterAndRecovers() {
        String token = token("bob");
        int limited = 0;
        int firstLimited = -1;
        for (int i = 0; i < 8; i++) {
            var status = web.get().uri("/api/v1/feedback/summary").headers(h -> h.setBearerAuth(token)).exchange()
                    .returnResult(String.class);
            if (status.getStatus() == HttpStatus.TOO_MANY_REQUESTS) {
                limited++;
                firstLimited = firstLimited < 0 ? i : firstLimited;
                assertThat(status.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
                assertThat(status.getResponseHeaders().getContentType())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            } else {
                assertThat(status.getStatus()).isNotEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            }
        }
        // the bucket holds 5 and refills one every 2 s, so on a slow machine too at least one extra call is refused
        assertThat(firstLimited).isEqualTo(5);
        assertThat(limited).isBetween(1, 3);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> web.get().uri("/api/v1/feedback/summary")
                .headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().value(s -> assertThat(s).isNotEqualTo(429)));
    }

    @Test
    void guestsShareTheLimitOfTheirClientAddressAsATrustedProxyReportsIt() {
        // Given a client at 203.0.113.9 behind a trusted proxy (this test's own address), minting guest tokens until
        // the token endpoint refuses
        List<String> guests = new ArrayList<>();
        for (int i = 0; i < 10 && guests.size() == i; i++) {
            var minted = web.post().uri("/api/v1/auth/token").header("X-Forwarded-For", "198.51.100.1, 203.0.113.9")
                    .exchange().returnResult(Map.class);
            if (minted.getStatus() == HttpStatus.OK) {
                guests.add((String) minted.getResponseBody().blockFirst().get("access_token"));
            }
        }
        assertThat(guests).hasSize(5);

        // When one of its guests calls the API, Then it is refused too: guests share their address's bucket
        web.get().uri("/api/v1/feedback/summary").headers(h -> h.setBearerAuth(guests.get(0)))
                .header("X-Forwarded-For", "203.0.113.9").exchange().expectStatus().isEqualTo(429);

        // And another client address behind the proxy still gets tokens
        web.post().uri("/api/v1/auth/token").header("X-Forwarded-For", "203.0.113.10").exchange()
                .expectStatus().isOk();
    }

    @Test
    void aServiceThatIsDownAnswers503ProblemJson() {
        web.get().uri("/api/v1/chat/conversations").headers(h -> h.setBearerAuth(token("alice"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("chat-service"));
    }

    @Test
    void aRoutedBodyOverTheLimitIsRefusedWith413BeforeItReachesTheService() {
        // Given a body over the configured 64KB for a routed service
        String body = "{\"comment\":\"" + "x".repeat(70 * 1024) + "\"}";

        // When it is posted through the gateway, even without a token
        web.post().uri("/api/v1/feedback").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                // Then the gateway refuses it first (the service is down here: routed, it would be 503; without a
                // token, 401)
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("64KB"));
    }

    @Test
    void aKnowledgeBaseVersionMayBeAWholeDocumentButNotMore() {
        // Given a 300 KB document (a whole knowledge base is ~220 KB), and one over the 4 MB of that route
        String document = "{\"comment\":\"" + "x".repeat(300 * 1024) + "\"}";
        String oversized = "{\"comment\":\"" + "x".repeat(4 * 1024 * 1024) + "\"}";

        // When each is posted to publish a version, without a token
        web.post().uri("/api/v1/knowledge/admin/versions").contentType(MediaType.APPLICATION_JSON).bodyValue(document)
                .exchange()
                // Then the document passes the limit and meets authentication, the oversized one is refused first
                .expectStatus().isUnauthorized();
        web.post().uri("/api/v1/knowledge/admin/versions").contentType(MediaType.APPLICATION_JSON).bodyValue(oversized)
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("4096KB"));
        // and any other route keeps 64 KB
        web.post().uri("/api/v1/knowledge/admin/versions/1/activate").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(document).exchange().expectStatus().isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void anUnknownServiceNameNeverBecomesAMetricTagOrAnUnescapedLogLine(CapturedOutput output) {
        // Given a caller who names a made-up service with a terminal escape sequence in it (an encoded CR or LF
        // the firewall refuses with 400 before any handler)
        String made = "made-up-" + System.nanoTime();
        String alice = token("alice");
        web.get().uri("/api/v1/unavailable/{service}", made + "\r\nFORGED ERROR line")
                .headers(h -> h.setBearerAuth(alice)).exchange().expectStatus().isBadRequest();

        // When the unavailable answer is asked for it
        web.get().uri("/api/v1/unavailable/{service}", made + "\u001b[2J")
                .headers(h -> h.setBearerAuth(alice)).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        // Then it is counted as an unknown service, and the caller's text reaches the log only escaped
        assertThat(meters.find("gateway.route.unavailable").tag("service", "unknown").counter()).isNotNull();
        assertThat(meters.find("gateway.route.unavailable").meters())
                .allSatisfy(m -> assertThat(m.getId().getTag("service")).doesNotStartWith("made-up-"));
        assertThat(output.getAll()).contains("unknown answered 503").doesNotContain("\u001b[2J");
    }

    @Test
    void healthIsPublicAndMinimalAndDetailedOnlyForAdmins() {
        web.get().uri("/api/v1/health").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP").jsonPath("$.services").doesNotExist();

        web.get().uri("/api/v1/health?detailed=true").headers(h -> h.setBearerAuth(token("alice"))).exchange()
                .expectStatus().isForbidden();

        web.get().uri("/api/v1/health?detailed=true").headers(h -> h.setBearerAuth(token("admin"))).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("DEGRADED")
                .jsonPath("$.kafka.replyListener").isEqualTo("UP")
                .jsonPath("$.services['chat-service'].status").isEqualTo("DOWN")
                .jsonPath("$.llm.mode").isEqualTo("unknown");
    }

    @Test
    void metricsServesPrometheusTextToAnAdminOnly() {
        // Given the public port, When anonymous asks for the metrics, Then it is refused
        web.get().uri("/metrics").exchange().expectStatus().isUnauthorized();

        // When an admin asks, Then the gateway's Prometheus text comes back
        String admin = token("admin");
        scraper(web).get().uri("/metrics").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes")
                        .contains("application=\"gateway-service\""));
    }

    @Test
    void theManagementPortServesTheScraperAndTheProbesAndThePublicPortNoneOfTheActuator() {
        // Given the management port, which the public does not reach
        // (a client of its own: the test's client resolves every path against the public port)
        WebTestClient management = scraper(WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + managementPort)
                .responseTimeout(Duration.ofSeconds(30)).build());

        // When anonymous callers (Prometheus, the kubelet) ask for Prometheus and health, Then they get them
        management.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
        management.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
        // Then the rest of the actuator needs the admin role, and the API is not served there
        management.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        management.get().uri("/api/v1/health").exchange().expectStatus().isNotFound();

        // When the same paths are asked on the public port, Then they are refused
        web.get().uri("/actuator/prometheus").exchange().expectStatus().isUnauthorized();
        web.get().uri("/actuator/health/liveness").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void theManagementPortKeepsAnsweringAConnectionAfterAPipelinedRequestAnsweredAtOnce() throws IOException {
        // Given rounds of two requests sent together on a kept-alive connection to the management port, the second
        // refused at once (reactor-netty's keep-alive stall: KeepAliveReads, ManagementServerKeepAliveReads)
        List<Integer> stalledRounds = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            try (Socket socket = new Socket("127.0.0.1", managementPort)) {
                socket.setSoTimeout(2_000);
                // When both are answered and a third request follows on the same connection
                boolean answered = answers(socket, LIVENESS + METRICS, 2) && answers(socket, LIVENESS, 1);
                if (!answered) {
                    stalledRounds.add(round);
                }
            }
        }

        // Then every third request was answered
        assertThat(stalledRounds).isEmpty();
    }

    /** Sends the requests, reads until that many whole answers came (JSON bodies end with a brace); false at 2 s. */
    private static boolean answers(Socket socket, String requests, int count) throws IOException {
        return RawHttp.exchange(socket, requests, received -> received.split("HTTP/1\\.1 ", -1).length - 1 >= count
                && received.endsWith("}"));
    }

    /** A scrape is larger than the gateway's own limit on request bodies, which this client was built with. */
    private static WebTestClient scraper(WebTestClient client) {
        return client.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    @Test
    void theOpenApiDocumentDescribesTheChatApiAndItsBearerAuth() {
        web.get().uri("/v3/api-docs").exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/chat/messages'].post").exists()
                .jsonPath("$.paths['/api/v1/auth/token'].post").exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme").isEqualTo("bearer")
                // no routed service runs in this test: the document says so instead of silently lacking their paths
                .jsonPath("$.info.x-missing-services['chat-service']").exists()
                .jsonPath("$.info.x-missing-services['analytics-service']").exists()
                .jsonPath("$.info.description").value(d -> assertThat((String) d).contains("Not included"));
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
    }

    /** One token per user for the whole class: the token endpoint shares this address's bucket of 5. */
    private String token(String user) {
        return TOKENS.computeIfAbsent(user, this::signIn);
    }

    private String signIn(String user) {
        return (String) web.post().uri("/api/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", user, "password", "switchboard")).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody().get("access_token");
    }
}
