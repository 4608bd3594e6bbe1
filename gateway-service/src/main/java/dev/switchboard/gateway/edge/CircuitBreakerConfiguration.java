package dev.switchboard.gateway.edge;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CircuitBreakerConfiguration {

    /** One breaker per routed service: after half of 20 calls fail it opens for 10 s, then lets 3 calls probe. */
    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> routeCircuitBreakers(
            @Value("${switchboard.gateway.route-timeout:5s}") Duration routeTimeout) {
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(CircuitBreakerConfig.custom().slidingWindowSize(20).minimumNumberOfCalls(10)
                        .failureRateThreshold(50).waitDurationInOpenState(Duration.ofSeconds(10))
                        .permittedNumberOfCallsInHalfOpenState(3).build())
                .timeLimiterConfig(TimeLimiterConfig.custom().timeoutDuration(routeTimeout).build())
                .build());
    }
}
