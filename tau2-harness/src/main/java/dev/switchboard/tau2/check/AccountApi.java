package dev.switchboard.tau2.check;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * account-service's API, read through the gateway as a staff member (an {@code agent} or {@code admin} token): a
 * customer is looked up ({@code POST /api/v1/account/lookups}) and the lookup's verification goes in the
 * {@code Account-Verification} header of every read about them, as the policy requires of staff.
 */
public final class AccountApi implements AccountReader {

    private static final String BASE = "/api/v1/account";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private final HttpClient http;
    private final URI gateway;
    private final String bearerToken;
    /** The verification of each customer looked up, by customer id (valid 30 minutes, longer than a task). */
    private final Map<String, String> verifications = new ConcurrentHashMap<>();

    public AccountApi(HttpClient http, URI gateway, String bearerToken) {
        this.http = http;
        this.gateway = gateway;
        this.bearerToken = bearerToken;
    }

    private record Lookup(String verificationId, AccountCustomer customer) {
    }

    @Override
    public AccountCustomer customerByPhone(String phoneNumber) {
        return lookup(Map.of("phoneNumber", phoneNumber));
    }

    @Override
    public Optional<AccountLine> line(String customerId, String lineId) {
        HttpResponse<String> response = send(get(customerId, "/lines/" + encode(lineId)));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(JSON.readValue(ok(response), AccountLine.class));
    }

    @Override
    public List<AccountBill> bills(String customerId) {
        // 100 is the API's largest page; a τ² customer has a handful of bills
        return JSON.readValue(ok(send(get(customerId, "/bills?limit=100"))), new TypeReference<List<AccountBill>>() {
        });
    }

    private AccountCustomer lookup(Map<String, String> who) {
        HttpRequest request = authorized(BASE + "/lookups").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(who))).build();
        Lookup lookup = JSON.readValue(ok(send(request)), Lookup.class);
        verifications.put(lookup.customer().customerId(), lookup.verificationId());
        return lookup.customer();
    }

    private HttpRequest get(String customerId, String path) {
        String verification = verifications.get(customerId);
        if (verification == null) {
            String found = lookup(Map.of("customerId", customerId)).customerId();
            if (!found.equals(customerId)) {
                throw new IllegalStateException("the lookup of customer " + customerId + " found " + found);
            }
            verification = verifications.get(customerId);
        }
        return authorized(BASE + "/customers/" + encode(customerId) + path)
                .header("Account-Verification", verification).GET().build();
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(gateway.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken).header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    /** The body of a 2xx answer; anything else (a problem+json refusal) is an error naming it. */
    private static String ok(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
