package dev.switchboard.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import reactor.core.publisher.Mono;

class CircuitBreakerConfigurationTest {

    @Test
    void theKnowledgeAdminApiMayTakeLongerThanEveryOtherRoute() {
        // Given the route breakers with 200 ms for a routed call and 10 s for knowledge-service's admin API
        ReactiveResilience4JCircuitBreakerFactory factory = new ReactiveResilience4JCircuitBreakerFactory(
                CircuitBreakerRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
                new ReactiveResilience4jBulkheadProvider(BulkheadRegistry.ofDefaults()),
                new Resilience4JConfigurationProperties());
        new CircuitBreakerConfiguration().routeCircuitBreakers(Duration.ofMillis(200), Duration.ofSeconds(10))
                .customize(factory);

        // When a call that takes a second (a version's accuracy gate takes several) goes through each
        Mono<String> slow = Mono.delay(Duration.ofSeconds(1)).thenReturn("answered");

        // Then the admin API's breaker waits for it, knowledge-service's other routes' gives up
        assertThat(factory.create(CircuitBreakerConfiguration.KNOWLEDGE_ADMIN)
                .run(slow, e -> Mono.just("timed out")).block()).isEqualTo("answered");
        assertThat(factory.create("knowledge-service").run(slow, e -> Mono.just("timed out")).block())
                .isEqualTo("timed out");
    }
}
