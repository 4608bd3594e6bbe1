package dev.switchboard.gateway.submission;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SubmissionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SubmissionConfiguration.class);

    @Bean
    SubmissionStore submissionStore(SubmissionProperties properties, MeterRegistry meters) {
        SubmissionStore store = properties.redisUrl().isBlank() ? new LocalSubmissionStore(properties)
                : new RedisSubmissionStore(properties, meters);
        log.info("message ids remembered for {} per customer, in {}", properties.window(), store.name());
        return store;
    }
}
