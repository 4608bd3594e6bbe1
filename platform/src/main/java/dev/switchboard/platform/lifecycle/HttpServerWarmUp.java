package dev.switchboard.platform.lifecycle;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

    /** Where this service's own HTTP server answers {@code path} on the loopback (or its bound) address. */
    public static URI local(Environment environment, String path) {
        String port = environment.getRequiredProperty("local.server.port");
        String address = environment.getProperty("server.address", "127.0.0.1");
        String host = address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        return URI.create("http://" + host + ":" + port + path);
    }

    @Override
    public void warmUp() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String path = environment.getProperty("switchboard.warm-up.http-path", "/actuator/health/liveness");
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(local(environment, path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
    }
}
