package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.deploy.DashboardMetrics;
import dev.switchboard.deploy.ExportedMetrics;
import dev.switchboard.system.OtlpReceiver.ReceivedSpan;
import io.opentelemetry.proto.trace.v1.Span;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One chat message is one trace across the services, each its own JVM running its packaged jar: the shared stack runs
 * them with {@code OTEL_EXPORTER_OTLP_ENDPOINT} pointing at an in-memory OTLP collector in place of Jaeger, and
 * {@code LOG_FORMAT=json}, until StackIT restarts it ({@link SharedStack#tracedStack()}). So it exercises the services'
 * own listeners, the platform's Kafka observation (traceparent headers), the Reactor context propagation from the HTTP
 * request to the Kafka send, the OTLP export configuration, and the JSON logs. On the shared stack rather than one of
 * its own: a start of eight JVMs costs CI over two minutes.
 */
@SharedStack.OnTheSharedStack
@Order(3) // after BrowserIT, whose dashboard counts only its own messages; before StackIT, which restarts the stack
class TraceIT {

    /** A question for a telecom's support desk that no article answers with confidence (LlmFallbackStackIT's). */
    // a statement of over 20 words, as LlmFallbackStackIT's: the short question now gets knowledge-service's honest
    // reply (the uncovered-question check) and never reaches llm-fallback-service
    static final String IN_SCOPE_WITHOUT_ARTICLE = "I would like to know whether multicast for IPTV works on your "
            + "network when I use my own router instead of the gateway";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SERVICES = List.of("gateway-service", "intent-service", "knowledge-service",
            "llm-fallback-service");
    /** They store every turn and log each reply they record, so those JSON lines carry the turn's trace id too. */
    private static final List<String> STORES = List.of("chat-service", "analytics-service", "feedback-service");

    private static SharedStack shared;

    @BeforeAll
    static void startTheStack(SharedStack theStack) {
        shared = theStack;
        shared.tracedStack();
    }

    @Test
    void oneChatMessageIsOneTraceAcrossTheServicesAndTheirJsonLogs() throws Exception {
        // When a customer sends a message the knowledge base answers, through the gateway
        String messageId = UUID.randomUUID().toString();
        JsonNode reply = send(messageId, "my internet is super slow tonight");

        // Then its JSON logs and its spans in gateway, intent and knowledge are one trace
        assertThat(reply.get("source").asString()).isEqualTo("knowledge_base");
        assertOneTrace(messageId, List.of("gateway-service", "intent-service", "knowledge-service"));

        // And chat, analytics and feedback, which record the turn, consumed it and logged it in that same trace
        String traceId = traceIdOfLogLine("gateway-service", messageId);
        for (String store : STORES) {
            await(store + "'s log line about the recorded reply").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(traceIdOfLogLine(store, messageId)).isEqualTo(traceId));
            await(store + "'s spans of the trace").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(shared.spans()).anySatisfy(span -> {
                        assertThat(span.traceId()).isEqualTo(traceId);
                        assertThat(span.service()).isEqualTo(store);
                        assertThat(span.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_CONSUMER);
                    }));
        }
    }

    @Test
    void aMessageTheKnowledgeBaseCannotAnswerIsOneTraceThroughTheLlmFallback() throws Exception {
        // When a customer asks something in scope that no knowledge-base answer is confident about (an off-topic
        // question never gets this far: intent-service's guardrail answers it)
        String messageId = UUID.randomUUID().toString();
        JsonNode reply = send(messageId, IN_SCOPE_WITHOUT_ARTICLE);

        // Then llm-fallback-service answered (offline here: extractively, or blocked by its own second look)
        assertThat(reply.get("source").asString()).isIn("guardrail", "fallback", "llm");
        // and the trace goes on from knowledge through llm-fallback back to the gateway
        assertOneTrace(messageId, SERVICES);
    }

    @Test
    void aGuidedFlowTurnIsOneTraceThroughAccountServiceWhichCountsIt() throws Exception {
        // When a signed-in customer says what enters the phone-troubleshooting flow
        String messageId = UUID.randomUUID().toString();
        JsonNode reply = send(messageId, "My mobile data is not working properly.");

        // Then account-service's flow answered, and the trace goes from the gateway through intent-service to
        // account-service and back
        assertThat(reply.get("source").asString()).isEqualTo("flow");
        assertOneTrace(messageId, List.of("gateway-service", "intent-service", "account-service"));
        // and account-service's own metric counted the turn its script answered
        assertThat(scrape("account-service")).containsPattern(
                "(?m)^account_flow_turns_total\\{.*by=\"script\".*flow=\"phone-troubleshooting\".*} [1-9]");
    }

    /** Sends a customer message through the gateway and returns the reply to it. */
    private static JsonNode send(String messageId, String content) throws Exception {
        String token = post("/api/v1/auth/token", null, Map.of("username", "alice", "password", "switchboard"))
                .get("access_token").asString();
        JsonNode reply = post("/api/v1/chat/messages", token, Map.of("id", messageId, "role", "user",
                "content", content, "timestamp", "2026-11-24T10:00:00Z"));
        assertThat(reply.get("messageId").asString()).isEqualTo(messageId);
        return reply;
    }

    /**
     * The JSON log lines about the message in each service carry one trace id, each service exported spans of that
     * trace (the gateway from the HTTP request through the Kafka send to the reply it consumed, every stage consuming
     * and producing), and the trace has one root: the gateway's HTTP request.
     */
    private static void assertOneTrace(String messageId, List<String> services) {
        Map<String, String> logTraceIds = new HashMap<>();
        await("a log line about the message in every service").atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    for (String service : services) {
                        logTraceIds.put(service, traceIdOfLogLine(service, messageId));
                    }
                    assertThat(logTraceIds.values()).doesNotContainNull();
                });
        assertThat(Set.copyOf(logTraceIds.values())).as("trace ids in the logs %s", logTraceIds).hasSize(1);
        String traceId = logTraceIds.get("gateway-service");

        await("the spans of the trace from every service").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<ReceivedSpan>> byService = shared.spans().stream()
                    .filter(s -> s.traceId().equals(traceId))
                    .collect(Collectors.groupingBy(ReceivedSpan::service));
            assertThat(byService).as("spans of trace %s", traceId).containsKeys(services.toArray(String[]::new));
            assertThat(kinds(byService.get("gateway-service")))
                    .contains(Span.SpanKind.SPAN_KIND_SERVER, Span.SpanKind.SPAN_KIND_PRODUCER,
                            Span.SpanKind.SPAN_KIND_CONSUMER);
            for (String stage : services) {
                assertThat(kinds(byService.get(stage))).as(stage)
                        .contains(Span.SpanKind.SPAN_KIND_CONSUMER, Span.SpanKind.SPAN_KIND_PRODUCER);
            }
        });
        List<ReceivedSpan> trace = shared.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
        Set<String> spanIds = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        List<ReceivedSpan> roots = trace.stream()
                .filter(s -> s.parentSpanId().isEmpty() || !spanIds.contains(s.parentSpanId())).toList();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.service()).isEqualTo("gateway-service");
            assertThat(root.kind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
        });
    }

    @Test
    void theSeedMetricsAreScrapedWithTheApplicationTagAfterAMessage() throws Exception {
        // Given a message the knowledge base answers and one it hands to the LLM fallback
        send(UUID.randomUUID().toString(), "how do I pay my bill online");
        send(UUID.randomUUID().toString(), IN_SCOPE_WITHOUT_ARTICLE);
        String token = post("/api/v1/auth/token", null, Map.of()).get("access_token").asString();

        // and one call routed to knowledge-service (whatever it answers), which creates the gateway's breaker of it
        HttpResponse<String> routed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(Api.BASE + "/api/v1/knowledge/categories"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(routed.statusCode()).as(routed.body()).isNotEqualTo(503);

        // When Prometheus scrapes the services (the text is kept in target/trace-it for whoever writes dashboards)
        Map<String, String> scraped = new HashMap<>();
        Path kept = Files.createDirectories(Path.of("target", "trace-it"));
        for (String service : SERVICES) {
            String text = scrape(service);
            Files.writeString(kept.resolve(service + ".prom"), text);
            scraped.put(service, text);
        }

        // Then the seed's metric names are there, tagged with the application
        assertThat(scraped.get("gateway-service"))
                .containsPattern("(?m)^chat_response_time_seconds_bucket\\{.*application=\"gateway-service\"");
        assertThat(scraped.get("gateway-service")).containsPattern(
                "(?m)^resilience4j_circuitbreaker_state\\{.*name=\"knowledge-service\".*state=\"closed\".*} 1");
        assertThat(scraped.get("llm-fallback-service")).containsPattern(
                "(?m)^llm_fallback_requests_total\\{.*application=\"llm-fallback-service\".*} [1-9]");
        assertThat(scraped.get("knowledge-service"))
                .containsPattern("(?m)^knowledge_base_hits_total\\{.*application=\"knowledge-service\".*} [1-9]");
        // and the framework metrics the dashboards query are really exported (the services' own meters are read from
        // their code by DashboardsTest; some of them exist only once their event has happened)
        Set<String> live = new java.util.TreeSet<>();
        scraped.values().forEach(text -> live.addAll(DashboardMetrics.scrapedMetricNames(text)));
        Set<String> framework = new java.util.TreeSet<>(DashboardMetrics.referencedMetrics(
                RunningStack.home().resolve(DashboardMetrics.DASHBOARDS)));
        framework.retainAll(ExportedMetrics.framework());
        assertThat(live).as("framework metrics the dashboards query").containsAll(framework);
        assertThat(scraped.get("intent-service"))
                .containsPattern("(?m)^kafka_consumer_fetch_manager_records_lag_max\\{.*application=\"intent-service\"");
    }

    /** A service's Prometheus text, from its actuator (the first gateway's on its management port). */
    private static String scrape(String service) throws Exception {
        int port = service.equals("gateway-service") ? StackIT.GATEWAY_MANAGEMENT_PORTS.get(0)
                : StackIT.SERVICE_PORTS.get(service);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://localhost:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<Span.SpanKind> kinds(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::kind).toList();
    }

    /** The trace id of the service's JSON log line that names the message, or null while there is none. */
    private static String traceIdOfLogLine(String service, String messageId) {
        List<String> found = new ArrayList<>();
        for (String line : shared.stack().serviceLog(service)) {
            if (line.startsWith("{") && line.contains(messageId)) {
                JsonNode json = JSON.readTree(line);
                // the listener's logging context: the trace and the message, from the platform's EventLogContext
                assertThat(json.path("messageId").asString()).as(line).isEqualTo(messageId);
                found.add(json.path("traceId").asString());
            }
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static JsonNode post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Api.BASE + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
