package dev.switchboard.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    CallerBuckets callerBuckets(RateLimitProperties properties, MeterRegistry meters) {
        CallerBuckets buckets = properties.redisUrl().isBlank() ? new LocalCallerBuckets(properties)
                : new RedisCallerBuckets(properties.redisUrl(), properties, meters);
        log.info("rate limit: {} requests per {} per caller, buckets in {}", properties.requests(),
                properties.period(), buckets.store());
        return buckets;
    }
}
