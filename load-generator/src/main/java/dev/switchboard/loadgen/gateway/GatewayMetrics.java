package dev.switchboard.loadgen.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The gateway's own figures, from its Prometheus endpoint on the management port (open to whoever reaches that port,
 * as Prometheus does; the public port serves metrics to an admin only): heap in use and how many replies it has
 * answered with its timeout placeholder.
 */
public final class GatewayMetrics {

    private final HttpClient http;
    private final URI prometheus;

    public GatewayMetrics(HttpClient http, URI management) {
        this.http = http;
        this.prometheus = management.resolve("/actuator/prometheus");
    }

    /** Bytes in use in every heap pool; empty if the endpoint cannot be read. */
    public Optional<Double> heapUsedBytes() {
        return scrape().map(text -> sum(text, "jvm_memory_used_bytes", "area=\"heap\""));
    }

    /** {@code gateway.reply.timeouts}: customer messages answered with the placeholder since the gateway started. */
    public Optional<Double> replyTimeouts() {
        return scrape().map(text -> sum(text, "gateway_reply_timeouts_total", ""));
    }

    /** The sum of a metric's samples whose labels contain {@code labels}, in the Prometheus text format. */
    static double sum(String text, String metric, String labels) {
        return text.lines().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .filter(line -> line.substring(0, line.lastIndexOf(' ')).contains(labels))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private Optional<String> scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(prometheus)
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
