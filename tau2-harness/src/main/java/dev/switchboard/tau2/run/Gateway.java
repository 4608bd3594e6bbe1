package dev.switchboard.tau2.run;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack's public API through the gateway, for the runner: demo users' sign-in, the chat (a {@link ChatTransport}
 * of one customer), the development reset of the accounts, and a roaming change made as an agent (the account's side
 * of three tasks' initial state).
 */
final class Gateway {

    private static final Duration TIMEOUT = Duration.ofSeconds(40);
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient http;
    private final URI base;

    Gateway(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    private record Token(String access_token) {
    }

    private record Lookup(String verificationId) {
    }

    private record Quote(String confirmation) {
    }

    private record Result(String outcome, Quote quote) {
    }

    private record Reply(String conversationId, String content, String source,
            java.util.List<ChatTransport.Option> suggestions) {
    }

    /** A demo user's bearer token. */
    String signIn(String username, String password) {
        return JSON.readValue(post("/api/v1/auth/token", null, Map.of("username", username, "password", password),
                Map.of()), Token.class).access_token();
    }

    /** The customer's chat over REST. */
    ChatTransport chat(String token) {
        return (conversationId, content, choice) -> {
            Map<String, String> body = new HashMap<>();
            body.put("content", content);
            if (conversationId != null) {
                body.put("conversationId", conversationId);
            }
            if (choice != null) {
                body.put("choice", choice);
            }
            Reply reply = JSON.readValue(post("/api/v1/chat/messages", token, body, Map.of()), Reply.class);
            return new ChatTransport.Reply(reply.conversationId(), reply.content(), reply.source(),
                    reply.suggestions());
        };
    }

    /** Restores the seed data (an admin's call; the stack runs with ACCOUNT_RESET_ENABLED=true). */
    void reset(String adminToken) {
        post("/api/v1/account/admin/reset", adminToken, Map.of(), Map.of());
    }

    /** enable_roaming / disable_roaming as an agent: the customer looked up, the change quoted, then confirmed. */
    void roaming(String agentToken, String customerId, String lineId, boolean enabled, String requestId) {
        String verification = JSON.readValue(post("/api/v1/account/lookups", agentToken,
                Map.of("customerId", customerId), Map.of()), Lookup.class).verificationId();
        Map<String, String> headers = Map.of("Account-Verification", verification);
        String path = "/api/v1/account/customers/" + customerId + "/lines/" + lineId + "/roaming";
        Result quoted = JSON.readValue(post(path, agentToken, Map.of("requestId", requestId, "enabled", enabled),
                headers), Result.class);
        if (quoted.quote() != null) {
            post(path, agentToken, Map.of("requestId", requestId, "enabled", enabled, "confirmation",
                    quoted.quote().confirmation()), headers);
        }
    }

    private String post(String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("POST " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during POST " + path, e);
        }
    }
}
