package dev.switchboard.llm.model;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the model lives and how much of it a customer may wait for. Without an API key the service runs offline
 * (extractive answers only), which is the default so the stack is usable on a laptop without any model.
 *
 * @param timeout the longest wait for the first streamed item (retries included) and for each following one
 */
@ConfigurationProperties("switchboard.llm")
public record LlmProperties(@DefaultValue("") String apiKey, @DefaultValue("https://api.openai.com/v1") String baseUrl,
        @DefaultValue("gpt-4o-mini") String model, @DefaultValue("0.35") double relevantPassageScore,
        @DefaultValue("1500ms") Duration timeout, @DefaultValue Retry retry, @DefaultValue Breaker breaker,
        @DefaultValue Bulkhead bulkhead, @DefaultValue RateLimit rateLimit) {

    /** Transient failures only (429, 5xx, connection); backoff doubles from {@code backoff}. */
    public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("100ms") Duration backoff) {
    }

    /** Opens after failureRateThreshold % of the last minimumCalls calls failed; stays open for openFor. */
    public record Breaker(@DefaultValue("50") float failureRateThreshold, @DefaultValue("4") int minimumCalls,
            @DefaultValue("30s") Duration openFor) {
    }

    /** At most maxConcurrentCalls model calls at once; one more waits up to maxWait, then gets the fallback. */
    public record Bulkhead(@DefaultValue("6") int maxConcurrentCalls, @DefaultValue("0ms") Duration maxWait) {
    }

    /** At most calls model calls per period (retries included); over it the fallback answers at once. */
    public record RateLimit(@DefaultValue("20") int calls, @DefaultValue("1s") Duration period) {
    }

    public boolean enabled() {
        return !apiKey.isBlank();
    }
}
