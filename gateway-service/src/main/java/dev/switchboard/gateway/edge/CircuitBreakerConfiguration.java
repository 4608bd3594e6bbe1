package dev.switchboard.gateway.edge;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4jBulkheadProvider;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadConfigurationBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    /** The breaker of knowledge-service's admin API (route {@code knowledge-admin}), which has a time of its own. */
    static final String KNOWLEDGE_ADMIN = "knowledge-admin";

    /**
     * One breaker per routed service: after half of 20 calls fail it opens for 10 s, then lets 3 calls probe. A call
     * the bulkhead refuses is answered 503 but does not count against the service: it did not fail, this gateway
     * was busy. A call may take {@code route-timeout}, except knowledge-service's admin API: publishing a knowledge
     * base version runs its accuracy gate, which trains the intent classifier on the version (seconds).
     */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakers(
            @Value("${switchboard.gateway.route-timeout:5s}") Duration routeTimeout,
            @Value("${switchboard.gateway.knowledge-admin-timeout:90s}") Duration knowledgeAdminTimeout) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3).ignoreExceptions(BulkheadFullException.class)
                        .build())
                .timeLimiterConfig(TimeLimiterConfig.custom()
                        .timeoutDuration(KNOWLEDGE_ADMIN.equals(id) ? knowledgeAdminTimeout : routeTimeout).build())
                .build());
    }

    /**
     * Bounds the calls in flight to each service from this replica. Spring Cloud's default (25) refused the burst a
     * single user's full rate-limit bucket may send (120), which then opened the breaker.
     */
    @Bean
    Customizer<ReactiveResilience4jBulkheadProvider> routeBulkheads(
            @Value("${switchboard.gateway.route-max-concurrent-calls:256}") int maxConcurrentCalls) {
        return provider -> provider.configureDefault(id -> new Resilience4jBulkheadConfigurationBuilder()
                .bulkheadConfig(BulkheadConfig.custom().maxConcurrentCalls(maxConcurrentCalls)
                        .maxWaitDuration(Duration.ZERO).build())
                .build());
    }
}
