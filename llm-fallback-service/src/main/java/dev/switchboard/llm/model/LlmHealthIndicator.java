package dev.switchboard.llm.model;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Reports whether answers come from a model; offline mode is a supported configuration, not a failure, so it stays
 * UP and says mode=disabled.
 */
@Component("llm")
class LlmHealthIndicator implements HealthIndicator {

    private final LlmProperties properties;

    LlmHealthIndicator(LlmProperties properties) {
        this.properties = properties;
    }

    @Override
    public Health health() {
        return Health.up().withDetail("mode", properties.enabled() ? "enabled" : "disabled")
                .withDetail("model", properties.model()).withDetail("base-url", properties.baseUrl()).build();
    }
}
