package dev.switchboard.system;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A local OpenAI-compatible chat-completions endpoint (not streamed) that plays a tool-calling agent by a fixed script,
 * the only part of {@link Tau2HarnessIT}'s model case that is not real. It knows nothing of the task: each turn it reads
 * the signed-in customer's account through account-service's tools ({@code get_customer}, then {@code get_line} for
 * every line), calls {@code refuel_data} for the line whose data is used up (2 GB, the policy's most), and words the
 * tool's answer for the customer: the quote to confirm, the refuel done, or the refusal. On the turn whose system
 * prompt says the customer confirmed a quote, it refuels what the quote names. Records the tools it called, in order.
 */
final class ToolCallingModelStub implements AutoCloseable {

    /** account-service's words for a confirmed quote, and the refuel's quote: "Refuel 2 GB of data on 555-… for …". */
    private static final String CONFIRMED = "has just confirmed it";
    private static final Pattern QUOTED_REFUEL = Pattern.compile("Refuel ([\\d.]+) GB of data on ([\\d-]+)");
    /** TurnTools' answer to a write that needs the customer's confirmation: "… Tell them: <the quote> (price), …". */
    private static final Pattern QUOTE_TO_TELL = Pattern.compile("Not done yet: .*? Tell them: (.*?) \\(");
    private static final Pattern LINE_IDS = Pattern.compile("lineIds=\\[([^\\]]*)]");
    private static final Pattern LINE = Pattern.compile("lineId=(\\w+), phoneNumber=([\\d-]+).*?dataLimitGb=([\\d.]+)"
            + ".*?dataUsedGb=([\\d.]+), dataRefuelingGb=([\\d.]+)");
    private static final BigDecimal MOST_REFUELLED_GB = new BigDecimal("2");

    private final HttpServer server;
    private final List<String> toolCalls = new CopyOnWriteArrayList<>();
    private final List<String> answers = new CopyOnWriteArrayList<>();

    private ToolCallingModelStub(HttpServer server) {
        this.server = server;
    }

    static ToolCallingModelStub start() throws IOException {
        ToolCallingModelStub stub = new ToolCallingModelStub(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
        stub.server.createContext("/v1/chat/completions", stub::complete);
        stub.server.start();
        return stub;
    }

    /** The base URL account-service's OpenAI client is given (up to and including /v1). */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** The tools the model called, in order. */
    List<String> toolCalls() {
        return List.copyOf(toolCalls);
    }

    /** The answers the model gave the customer, in order. */
    List<String> answers() {
        return List.copyOf(answers);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record ToolResult(String tool, String content) {
    }

    private record ToolCall(String name, String arguments) {
    }

    private record Line(String id, String phoneNumber, boolean usedUp) {
    }

    private void complete(HttpExchange exchange) throws IOException {
        JsonNode request = Api.JSON.readTree(exchange.getRequestBody().readAllBytes());
        try {
            respond(exchange, 200, next(request).getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // a script that cannot go on is a failed call, as a broken model's would be
            System.out.println("the scripted model cannot go on: " + e.getMessage());
            respond(exchange, 500, Api.JSON.writeValueAsBytes(Map.of("error", Map.of("message",
                    String.valueOf(e.getMessage())))));
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The script's next step for this request: a tool call, or the answer. */
    private String next(JsonNode request) {
        String system = "";
        Map<String, String> toolOfCall = new HashMap<>();
        List<ToolResult> results = new ArrayList<>();
        for (JsonNode message : request.get("messages")) {
            switch (message.get("role").asString()) {
                case "system" -> system += text(message.get("content"));
                case "assistant" -> message.path("tool_calls").forEach(call -> toolOfCall.put(call.get("id").asString(),
                        call.get("function").get("name").asString()));
                case "tool" -> results.add(new ToolResult(toolOfCall.get(message.get("tool_call_id").asString()),
                        text(message.get("content"))));
                default -> {
                }
            }
        }
        Optional<ToolResult> customer = result(results, "get_customer");
        if (customer.isEmpty()) {
            return toolCalls(List.of(new ToolCall("get_customer", "{}")));
        }
        List<ToolResult> lineResults = results.stream().filter(r -> r.tool().equals("get_line")).toList();
        if (lineResults.isEmpty()) {
            Matcher ids = LINE_IDS.matcher(customer.get().content());
            if (!ids.find()) {
                throw new IllegalStateException("no line ids in get_customer's answer: " + customer.get().content());
            }
            List<ToolCall> calls = new ArrayList<>();
            for (String id : ids.group(1).split(",\\s*")) {
                calls.add(new ToolCall("get_line", "{\"lineId\":\"" + id.strip() + "\"}"));
            }
            return toolCalls(calls);
        }
        List<Line> lines = lineResults.stream().map(r -> LINE.matcher(r.content())).filter(Matcher::find)
                .map(m -> new Line(m.group(1), m.group(2), new BigDecimal(m.group(4))
                        .compareTo(new BigDecimal(m.group(3)).add(new BigDecimal(m.group(5)))) >= 0))
                .toList();
        Matcher quoted = QUOTED_REFUEL.matcher(system);
        boolean confirmed = system.contains(CONFIRMED) && quoted.find();
        Optional<Line> target = confirmed
                ? lines.stream().filter(l -> l.phoneNumber().equals(quoted.group(2))).findFirst()
                : lines.stream().filter(Line::usedUp).findFirst();
        BigDecimal gigabytes = confirmed ? new BigDecimal(quoted.group(1)) : MOST_REFUELLED_GB;
        if (target.isEmpty()) {
            return answer("All your lines still have data left this month, so a refuel would not help.");
        }
        Optional<ToolResult> refuel = result(results, "refuel_data");
        if (refuel.isEmpty()) {
            return toolCalls(List.of(new ToolCall("refuel_data", "{\"lineId\":\"" + target.get().id()
                    + "\",\"gbAmount\":" + gigabytes.toPlainString() + "}")));
        }
        String outcome = refuel.get().content();
        Matcher quote = QUOTE_TO_TELL.matcher(outcome);
        if (quote.find()) {
            return answer("Your line " + target.get().phoneNumber() + " has used all of its data this month. "
                    + quote.group(1) + ". Shall I go ahead?");
        }
        if (outcome.contains("Done:")) {
            return answer("Done: I refuelled " + gigabytes.toPlainString() + " GB of data on "
                    + target.get().phoneNumber() + ". Your mobile data should work again.");
        }
        return answer("I could not refuel your line: " + outcome.replace("\"", ""));
    }

    private static Optional<ToolResult> result(List<ToolResult> results, String tool) {
        return results.stream().filter(r -> tool.equals(r.tool())).findFirst();
    }

    /** A message's content: a string, or the text parts of an array. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isArray()) {
            StringBuilder text = new StringBuilder();
            content.forEach(part -> text.append(part.path("text").asString("")));
            return text.toString();
        }
        return content.asString();
    }

    private String toolCalls(List<ToolCall> calls) {
        StringBuilder json = new StringBuilder("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[");
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            toolCalls.add(call.name());
            json.append(i == 0 ? "" : ",").append("{\"id\":\"call_").append(toolCalls.size()).append("\",\"type\":")
                    .append("\"function\",\"function\":{\"name\":\"").append(call.name()).append("\",\"arguments\":")
                    .append(Api.JSON.writeValueAsString(call.arguments())).append("}}");
        }
        return completion(json.append("]}").toString(), "tool_calls");
    }

    private String answer(String content) {
        answers.add(content);
        return completion("{\"role\":\"assistant\",\"content\":" + Api.JSON.writeValueAsString(content) + "}", "stop");
    }

    private static String completion(String message, String finishReason) {
        return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"stub\","
                + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"logprobs\":null,\"finish_reason\":\""
                + finishReason + "\"}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    }
}
