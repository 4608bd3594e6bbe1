package dev.switchboard.gateway.health;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code GET /metrics}, the seed's scrape path on the public port: the gateway's Prometheus text, for the admin role
 * (SecurityConfiguration). Prometheus itself scrapes {@code /actuator/prometheus} on the management port.
 */
@RestController
class MetricsController {

    /** What {@link PrometheusMeterRegistry#scrape()} writes: the Prometheus text format 0.0.4. */
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(value = "/metrics", produces = PROMETHEUS_TEXT)
    Mono<String> metrics() {
        // a scrape walks every meter: off the event loop, as the actuator's own endpoint does
        return Mono.fromCallable(registry::scrape).subscribeOn(Schedulers.boundedElastic());
    }
}
