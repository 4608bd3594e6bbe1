package dev.switchboard.platform.lifecycle;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.springframework.core.env.Environment;

/**
 * Part of readiness: one request through the service's own HTTP server and WebFlux (on the loopback address), so the
 * server's pipeline, codecs and security filters are loaded before a customer's request. It asks for liveness, or for
 * {@code switchboard.warm-up.http-path} where the actuator has a port of its own (the gateway's).
 */
public class HttpServerWarmUp implements WarmUp {

    private final Environment environment;

    HttpServerWarmUp(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void warmUp() throws Exception {
        expect(environment, environment.getProperty("switchboard.warm-up.http-path", "/actuator/health/liveness"),
                request -> request, 200);
    }

    /**
     * Sends one request to this service's own HTTP server (on the loopback, or its bound, address) and fails unless it
     * answers {@code status}: for a service's warm-ups of its own endpoints.
     */
    public static void expect(Environment environment, String path, UnaryOperator<HttpRequest.Builder> request,
            int status) throws IOException, InterruptedException {
        String port = environment.getRequiredProperty("local.server.port");
        String address = environment.getProperty("server.address", "127.0.0.1");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<Void> response = client.send(request.apply(HttpRequest.newBuilder(
                URI.create("http://" + host + ":" + port + path)).timeout(Duration.ofSeconds(5))).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != status) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ", not " + status);
        }
    }
}
