package dev.switchboard.llm.answering;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.switchboard.events.Agent;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.platform.kafka.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A local OpenAI-compatible server: the chat-completions endpoint, streamed as server-sent events, ending with a usage
 * chunk (prompt tokens {@link #PROMPT_TOKENS}, one completion token per delta) as OpenAI sends with include_usage.
 */
final class OpenAiStub {

    static final String COMPLETIONS = "/v1/chat/completions";
    static final int PROMPT_TOKENS = 42;

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    OpenAiStub() {
        server.start();
    }

    void register(DynamicPropertyRegistry registry) {
        // the first call pays for the client warming up on a busy 2-core machine
        register(registry, "10s");
    }

    void register(DynamicPropertyRegistry registry, String timeout) {
        registry.add("spring.ai.model.chat", () -> "openai");
        registry.add("spring.ai.openai.api-key", () -> "test-key");
        registry.add("switchboard.llm.api-key", () -> "test-key");
        registry.add("spring.ai.openai.base-url", () -> server.baseUrl() + "/v1");
        registry.add("switchboard.llm.base-url", () -> server.baseUrl() + "/v1");
        registry.add("switchboard.llm.timeout", () -> timeout);
        // no chat-service in these tests: a closed port, so history is unavailable at once (and counted)
        registry.add("switchboard.llm.history.url", () -> "http://127.0.0.1:1");
    }

    /** Replaces the stubs and clears the request journal, so requests() counts from here. */
    void streams(String... deltas) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).willReturn(completion(deltas)));
    }

    /** The first request fails with {@code status}, the next ones stream the deltas. */
    void failsOnceThenStreams(int status, String... deltas) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(failure(status)).willSetStateTo("recovered"));
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).inScenario("flaky").whenScenarioStateIs("recovered")
                .willReturn(completion(deltas)));
    }

    void fails(int status) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).willReturn(failure(status)));
    }

    /** Accepts the request and answers nothing for {@code millis}. */
    void hangs(int millis) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).willReturn(completion("Too late.").withFixedDelay(millis)));
    }

    int requests() {
        return server.countRequestsMatching(WireMock.postRequestedFor(urlPathEqualTo(COMPLETIONS)).build()).getCount();
    }

    /** The JSON bodies the model received, oldest first. */
    List<String> requestBodies() {
        return server.findAll(WireMock.postRequestedFor(urlPathEqualTo(COMPLETIONS))).stream()
                .map(request -> request.getBodyAsString()).toList();
    }

    private static ResponseDefinitionBuilder completion(String... deltas) {
        String events = List.of(deltas).stream().map(OpenAiStub::event).collect(Collectors.joining())
                + "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + PROMPT_TOKENS
                + ",\"completion_tokens\":" + deltas.length + ",\"total_tokens\":" + (PROMPT_TOKENS + deltas.length)
                + "}}\n\n"
                + "data: [DONE]\n\n";
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(events);
    }

    private static ResponseDefinitionBuilder failure(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}");
    }

    private static String event(String delta) {
        String escaped = delta.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\""
                + escaped + "\"},\"finish_reason\":null}]}\n\n";
    }

    static FallbackRequested question(String messageId, int replyTo) {
        FallbackRequested request = new Envelope(messageId, "c-" + messageId, "u-1", replyTo, Instant.now())
                .stamp(new FallbackRequested());
        request.setContent("my router blinks orange since the storm");
        request.setIntent("unknown");
        request.setAgent(Agent.tech_support);
        request.setConfidence(0.2);
        request.setReason("no intent of the taxonomy matched");
        request.setPassages(List.of(new KnowledgePassage("kb-lights-1", "What the gateway lights mean",
                "modem_gateway_restart", "Blinking amber means the gateway is connecting. Give it five minutes.", 0.3)));
        return request;
    }
}
