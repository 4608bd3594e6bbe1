package dev.switchboard.account;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.List;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A local OpenAI-compatible chat-completions endpoint that plays a script: a turn's first request (no tool result in
 * it yet) gets a tool call, the request that carries the tool's result gets the final answer. Every IT's context has
 * the chat model on, at this server, for the flow {@link #FLOW} only (the scripted flows keep their script), so all
 * share the one context.
 */
public final class ScriptedModel {

    /** The flow the tool-calling agent answers in the ITs. */
    public static final String FLOW = "agent-test";

    private static final ScriptedModel INSTANCE = new ScriptedModel();

    private static final String COMPLETIONS = "/v1/chat/completions";
    /** Only a request that carries a tool's result has this field. */
    private static final String TOOL_RESULT = "\"tool_call_id\"";

    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    private ScriptedModel() {
        server.start();
    }

    public static ScriptedModel instance() {
        return INSTANCE;
    }

    /** The chat model on, at this server, for {@link #FLOW}. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("spring.ai.model.chat=openai", "spring.ai.openai.api-key=test-key",
                    "spring.ai.openai.base-url=" + INSTANCE.server.baseUrl() + "/v1",
                    "switchboard.account.agent.flows=" + FLOW).applyTo(context);
        }
    }

    /** The next turn: the model calls {@code tool} with {@code arguments} (JSON), then answers {@code answer}. */
    public void callsThenAnswers(String tool, String arguments, String answer) {
        server.resetAll();
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).withRequestBody(notContaining(TOOL_RESULT))
                .willReturn(json(toolCall(tool, arguments))));
        server.stubFor(post(urlPathEqualTo(COMPLETIONS)).withRequestBody(containing(TOOL_RESULT))
                .willReturn(json(message(answer))));
    }

    /** The JSON bodies the model received since the last script, oldest first. */
    public List<String> requests() {
        return server.findAll(WireMock.postRequestedFor(urlPathEqualTo(COMPLETIONS))).stream()
                .map(request -> request.getBodyAsString()).toList();
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }

    private static String toolCall(String tool, String arguments) {
        String escaped = arguments.replace("\"", "\\\"");
        return completion("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
                + "\"type\":\"function\",\"function\":{\"name\":\"" + tool + "\",\"arguments\":\"" + escaped
                + "\"}}]}", "tool_calls");
    }

    private static String message(String content) {
        return completion("{\"role\":\"assistant\",\"content\":\"" + content.replace("\"", "\\\"") + "\"}", "stop");
    }

    private static String completion(String message, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,"
                + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":" + message
                + ",\"logprobs\":null,\"finish_reason\":\"" + finishReason + "\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    }
}
