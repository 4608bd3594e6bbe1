package dev.switchboard.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The open-loop sender against a stand-in gateway that answers like the real one. */
class TrafficRunTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger tokens = new AtomicInteger();
    private final Set<String> callers = ConcurrentHashMap.newKeySet();
    private final Set<String> continued = ConcurrentHashMap.newKeySet();
    private HttpServer gateway;
    private URI uri;

    @BeforeEach
    void startGateway() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        gateway.createContext("/api/v1/auth/token", exchange -> respond(exchange, 200,
                "{\"access_token\":\"token-" + tokens.incrementAndGet() + "\",\"token_type\":\"Bearer\"}"));
        gateway.createContext("/api/v1/chat/messages", this::chat);
        gateway.start();
        uri = URI.create("http://127.0.0.1:" + gateway.getAddress().getPort());
    }

    @AfterEach
    void stopGateway() {
        gateway.stop(0);
    }

    private void chat(HttpExchange exchange) throws IOException {
        callers.add(exchange.getRequestHeaders().getFirst("Authorization"));
        JsonNode message = JSON.readTree(exchange.getRequestBody());
        String conversation = message.path("conversationId").asString(null);
        if (conversation != null) {
            continued.add(conversation);
        }
        boolean handoff = Kind.HANDOFF.questions().contains(message.path("content").asString());
        respond(exchange, 200, JSON.writeValueAsString(Map.of("messageId", message.path("id").asString(),
                "conversationId", conversation != null ? conversation : UUID.randomUUID().toString(),
                "content", "An answer", "source", handoff ? "escalation" : "knowledge_base")));
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void sendsEveryScheduledMessageFromEveryCustomerAndCountsTheAnswersBySource() {
        // Given three customers signed in and a schedule of 40 messages a second, 0.25 s warm-up then 1 s measured
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Customer> customers = Customers.signIn(http, uri, 3, Channel.REST);
        OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50), 40,
                Duration.ofMillis(250), Duration.ofSeconds(1));

        // When the run sends knowledge-base and hand-off messages, two turns per conversation
        TrafficReport report = new TrafficRun(uri, customers, MessageMix.parse("kb=1,handoff=1"), 2,
                Duration.ofSeconds(5)).run(schedule, Channel.REST);

        // Then all 50 messages went out, the 40 of the window counted, each customer with its own token
        assertThat(report.sent()).isEqualTo(50);
        assertThat(report.counted()).isEqualTo(40);
        assertThat(callers).containsExactlyInAnyOrder("Bearer token-1", "Bearer token-2", "Bearer token-3");
        // And every counted message was answered, by the source its kind calls for
        assertThat(report.noAnswers()).isZero();
        assertThat(report.httpErrors()).isEmpty();
        assertThat(report.latency().count()).isEqualTo(40);
        assertThat(report.sourcesByKind().get("kb")).containsOnlyKeys("knowledge_base");
        assertThat(report.sourcesByKind().get("handoff")).containsOnlyKeys("escalation");
        assertThat(report.sourcesByKind().values().stream().flatMap(m -> m.values().stream())
                .mapToLong(Long::longValue).sum()).isEqualTo(40);
        // And customers went on with the conversations their replies named
        assertThat(continued).isNotEmpty();
    }
}
