package dev.switchboard.llm.answering;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.switchboard.events.Agent;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.platform.kafka.Envelope;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A local OpenAI-compatible server: the chat-completions endpoint, streamed as server-sent events. */
final class OpenAiStub {

    static final String COMPLETIONS = "/v1/chat/completions";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    OpenAiStub() {
        server.start();
    }

    void register(DynamicPropertyRegistry registry) {
        registry.add("spring.ai.model.chat", () -> "openai");
        registry.add("spring.ai.openai.api-key", () -> "test-key");
        registry.add("switchboard.llm.api-key", () -> "test-key");
        registry.add("spring.ai.openai.base-url", () -> server.baseUrl() + "/v1");
        registry.add("switchboard.llm.base-url", () -> server.baseUrl() + "/v1");
        // the first call pays for the client warming up on a busy 2-core machine
        registry.add("switchboard.llm.timeout", () -> "10s");
    }

    /** Replaces the stubs and clears the request journal, so requests() counts from here. */
    void streams(String... deltas) {
        server.resetAll();
        String events = List.of(deltas).stream().map(OpenAiStub::event).collect(Collectors.joining())
                + "data: [DONE]\n\n";
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream").withBody(events)));
    }

    void fails(int status) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\"}}")));
    }

    int requests() {
        return server.countRequestsMatching(WireMock.postRequestedFor(urlPathEqualTo(COMPLETIONS)).build()).getCount();
    }

    private static String event(String delta) {
        return "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\""
                + delta + "\"},\"finish_reason\":null}]}\n\n";
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
