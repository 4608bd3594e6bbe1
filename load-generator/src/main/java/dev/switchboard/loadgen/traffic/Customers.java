package dev.switchboard.loadgen.traffic;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.json.JsonMapper;

/** Signs the simulated customers in: one guest token each, from the gateway's development token issuer. */
public final class Customers {

    /** Token requests in flight at once: enough to be quick, few enough not to look like the load itself. */
    private static final int IN_FLIGHT = 16;

    private Customers() {
    }

    public static List<Customer> signIn(HttpClient http, URI gateway, int count, Channel channel) {
        JsonMapper json = JsonMapper.builder().build();
        List<Customer> customers = new ArrayList<>(count);
        for (int from = 0; from < count; from += IN_FLIGHT) {
            List<CompletableFuture<String>> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + IN_FLIGHT); i++) {
                batch.add(http.sendAsync(HttpRequest.newBuilder(gateway.resolve("/api/v1/auth/token"))
                                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException("POST /api/v1/auth/token answered "
                                        + response.statusCode() + ": " + response.body()
                                        + " (are the stack's rate limits raised? see docs/benchmarks.md)");
                            }
                            return json.readTree(response.body()).path("access_token").asString();
                        }));
            }
            for (CompletableFuture<String> token : batch) {
                customers.add(new Customer(await(token), channel.forCustomer(customers.size())));
            }
        }
        return customers;
    }

    private static String await(CompletableFuture<String> token) {
        try {
            return token.get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot get a customer token: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No customer token within 15 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signing customers in", e);
        }
    }
}
