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
 * of one customer), a customer's payment of a bill, the development reset of the accounts, and the account's side of
 * the tasks' initial states (roaming changed as an agent; data usage and an overdue suspension by the development
 * set-ups).
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

    private record PaymentMethod(String accountNumberLast4) {
    }

    private record Me(String customerId, java.util.List<PaymentMethod> paymentMethods) {
    }

    /**
     * make_payment, by the signed-in customer: the bill paid with their first payment method on file, its price
     * quoted and then confirmed (the customer pays what the phone's payment request asked).
     */
    void pay(String customerToken, String billId, String requestId) {
        String mine = "/api/v1/account/me";
        Me me = JSON.readValue(send(HttpRequest.newBuilder(base.resolve(mine)).GET(), mine, customerToken, Map.of()),
                Me.class);
        String method = me.paymentMethods().get(0).accountNumberLast4();
        String path = "/api/v1/account/customers/" + me.customerId() + "/bills/" + billId + "/payment";
        Result quoted = JSON.readValue(post(path, customerToken, Map.of("requestId", requestId, "paymentMethod",
                method), Map.of()), Result.class);
        if (quoted.quote() != null) {
            post(path, customerToken, Map.of("requestId", requestId, "paymentMethod", method, "confirmation",
                    quoted.quote().confirmation()), Map.of());
        }
    }

    /** tau2's set_data_usage, by the development set-up. */
    void dataUsage(String adminToken, String lineId, double dataUsedGb) {
        post("/api/v1/account/admin/scenarios/data-usage", adminToken, Map.of("lineId", lineId, "dataUsedGb",
                dataUsedGb), Map.of());
    }

    /** tau2's suspend_line_for_overdue_bill, by the development set-up. */
    void overdueSuspension(String adminToken, String customerId, String lineId, String billId, boolean contractEnded) {
        post("/api/v1/account/admin/scenarios/overdue-suspension", adminToken, Map.of("customerId", customerId,
                "lineId", lineId, "billId", billId, "contractEnded", contractEnded), Map.of());
    }

    private String post(String path, String token, Object body, Map<String, String> headers) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), path, token, headers);
    }

    private String send(HttpRequest.Builder request, String path, String token, Map<String, String> headers) {
        request.timeout(TIMEOUT).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(request.build().method() + " " + path + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + path, e);
        }
    }
}
