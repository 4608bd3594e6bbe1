package dev.switchboard.gateway.docs;

import dev.switchboard.gateway.health.ServiceUrls;
import dev.switchboard.platform.security.InternalTokens;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The OpenAPI documents of the services the gateway routes to, read when the gateway's document is asked for and read
 * again when older than {@link #REFRESH}, so the gateway's document follows their deployments. Not read at start-up:
 * a service builds its document on the first request, seconds of CPU that would fall on the first customers' messages
 * (every documented service at once, right when the stack became ready).
 */
@Component
class ServiceApiDocs {

    /** The services with public routes; the others have no public API. */
    static final List<String> DOCUMENTED = List.of("chat-service", "knowledge-service", "analytics-service",
            "feedback-service", "account-service");
    private static final Logger log = LoggerFactory.getLogger(ServiceApiDocs.class);
    private static final Duration REFRESH = Duration.ofSeconds(30);
    // a service builds its document on the first request, which takes seconds on a busy machine
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, String> urls;
    private final WebClient web = WebClient.create();
    private final Map<String, OpenAPI> documents = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    /** The first reading, cached: every later request finds it complete. */
    private Mono<Void> firstReading;
    private long readNanos;

    private final InternalTokens tokens;

    ServiceApiDocs(ServiceUrls services, InternalTokens tokens) {
        this.urls = services.all();
        this.tokens = tokens;
    }

    /**
     * Completes once the documents have been read at least once (the first request waits for that reading, each
     * service at most {@link #FETCH_TIMEOUT}); a later request is answered at once with what was read, while documents
     * older than {@link #REFRESH} are read again in the background.
     */
    synchronized Mono<Void> readAtLeastOnce() {
        long now = System.nanoTime();
        if (firstReading == null) {
            readNanos = now;
            firstReading = refresh().cache();
        } else if (now - readNanos > REFRESH.toNanos()) {
            readNanos = now;
            refresh().subscribe();
        }
        return firstReading;
    }

    private Mono<Void> refresh() {
        return Flux.fromIterable(DOCUMENTED).flatMap(this::fetch).then();
    }

    private Mono<Void> fetch(String service) {
        String url = urls.get(service);
        if (url == null) {
            failures.put(service, "no URL configured");
            return Mono.empty();
        }
        return web.get().uri(url + "/v3/api-docs")
                .headers(headers -> headers.setBearerAuth(tokens.forService(service))).retrieve().bodyToMono(byte[].class)
                .timeout(FETCH_TIMEOUT)
                .map(body -> {
                    try {
                        return Json.mapper().readValue(body, OpenAPI.class);
                    } catch (IOException e) {
                        throw new IllegalStateException("not an OpenAPI document: " + e.getMessage(), e);
                    }
                })
                .doOnNext(document -> {
                    documents.put(service, document);
                    if (failures.remove(service) != null) {
                        log.info("the API document of {} is included again", service);
                    }
                })
                .onErrorResume(error -> {
                    String previous = failures.put(service, error.getMessage());
                    if (previous == null) {
                        log.warn("the API document of {} cannot be read from {}: {}", service, url, error.getMessage());
                    }
                    return Mono.empty();
                })
                .then();
    }

    /** Each service's last document read. */
    Map<String, OpenAPI> documents() {
        return new TreeMap<>(documents);
    }

    /** Services of which no document could be read yet, with why. */
    Map<String, String> missing() {
        Map<String, String> missing = new TreeMap<>();
        DOCUMENTED.stream().filter(s -> !documents.containsKey(s))
                .forEach(s -> missing.put(s, failures.getOrDefault(s, "not read yet")));
        return missing;
    }
}
