package dev.switchboard.llm.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the model lives. Without an API key the service runs offline (extractive answers only), which is the default
 * so the stack is usable on a laptop without any model.
 */
@ConfigurationProperties("switchboard.llm")
public record LlmProperties(@DefaultValue("") String apiKey, @DefaultValue("https://api.openai.com/v1") String baseUrl,
        @DefaultValue("gpt-4o-mini") String model, @DefaultValue("0.35") double relevantPassageScore,
        @DefaultValue("1500ms") Duration timeout, @DefaultValue Breaker breaker) {

    /** Opens after failureRateThreshold % of the last minimumCalls calls failed; stays open for openFor. */
    public record Breaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("4") int minimumCalls,
            @DefaultValue("30s") Duration openFor) {
    }

    public boolean enabled() {
        return !apiKey.isBlank();
    }
}
