package dev.switchboard.llm.model;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The only way to the model. Every call goes through, from the outside in: a deadline for the first token (retries
 * included), retry with backoff for transient failures, a circuit breaker, a rate limiter, a bulkhead and a per-item
 * timeout. So a slow or failing model costs the customer at most the timeout and, once the breaker is open, nothing.
 */
@Component
public class ModelClient {

    static final String NAME = "llm";
    private static final Duration DEADLINE_MARGIN = Duration.ofMillis(100);

    private final ChatModel chatModel;
    private final LlmProperties properties;
    private final CircuitBreaker breaker;
    private final Retry retry;
    private final Bulkhead bulkhead;
    private final RateLimiter rateLimiter;
    private final TimeLimiter timeLimiter;
    private final Timer latency;
    private final Timer firstToken;
    private final Counter tokensIn;
    private final Counter tokensOut;

    ModelClient(ObjectProvider<ChatModel> chatModel, LlmProperties properties, MeterRegistry meters) {
        this.chatModel = chatModel.getIfAvailable();
        this.properties = properties;
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(properties.breaker().failureRateThreshold())
                .minimumNumberOfCalls(properties.breaker().minimumCalls())
                .slidingWindowSize(Math.max(properties.breaker().minimumCalls(), 10))
                .waitDurationInOpenState(properties.breaker().openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                // our own limits refusing a call say nothing about the model's health
                .ignoreExceptions(BulkheadFullException.class, RequestNotPermitted.class)
                .build());
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(properties.retry().maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialBackoff(properties.retry().backoff(), 2.0))
                .retryOnException(ModelClient::isTransient)
                .build());
        BulkheadRegistry bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrentCalls())
                .maxWaitDuration(properties.bulkhead().maxWait())
                .build());
        RateLimiterRegistry rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(properties.rateLimit().calls())
                .limitRefreshPeriod(properties.rateLimit().period())
                .timeoutDuration(Duration.ZERO)
                .build());
        TimeLimiterRegistry timeLimiters = TimeLimiterRegistry.of(TimeLimiterConfig.custom()
                .timeoutDuration(properties.timeout()).build());
        this.breaker = breakers.circuitBreaker(NAME);
        this.retry = retries.retry(NAME);
        this.bulkhead = bulkheads.bulkhead(NAME);
        this.rateLimiter = rateLimiters.rateLimiter(NAME);
        this.timeLimiter = timeLimiters.timeLimiter(NAME);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters);
        this.latency = Timer.builder("llm.model.latency").description("time to a complete streamed answer")
                .register(meters);
        this.firstToken = Timer.builder("llm.model.first.token").description("time to the first streamed text")
                .register(meters);
        this.tokensIn = Counter.builder("llm.tokens").tag("direction", "in")
                .description("prompt tokens, as the model reported them").register(meters);
        this.tokensOut = Counter.builder("llm.tokens").tag("direction", "out")
                .description("completion tokens, as the model reported them").register(meters);
    }

    /** Empty in offline mode: no chat model is configured. */
    public Optional<ModelClient> ifEnabled() {
        return chatModel == null ? Optional.empty() : Optional.of(this);
    }

    /**
     * Text deltas of the answer; errors with the model's failure, a {@link TimeoutException}, or the refusal of the
     * breaker, bulkhead or rate limiter.
     */
    public Flux<String> stream(List<Message> messages) {
        return Flux.defer(() -> {
            Timer.Sample started = Timer.start();
            AtomicBoolean first = new AtomicBoolean(true);
            Tokens tokens = new Tokens();
            return Flux.defer(() -> attempt(new Prompt(messages), tokens))
                    .transformDeferred(BulkheadOperator.of(bulkhead))
                    .transformDeferred(RateLimiterOperator.of(rateLimiter))
                    .transformDeferred(CircuitBreakerOperator.of(breaker))
                    .transformDeferred(RetryOperator.of(retry))
                    // the customer's budget covers every attempt, not each one; it ends just after a single hung
                    // attempt's own timeout, so that one is seen (and counted by the breaker) first
                    .timeout(Mono.delay(properties.timeout().plus(DEADLINE_MARGIN)), item -> Mono.never())
                    .doOnNext(text -> {
                        if (first.getAndSet(false)) {
                            started.stop(firstToken);
                        }
                    })
                    .doOnComplete(() -> {
                        started.stop(latency);
                        tokens.countTo(tokensIn, tokensOut);
                    });
        });
    }

    // One request to the model. A failure after text arrived is not retried: the customer may have seen it already.
    private Flux<String> attempt(Prompt prompt, Tokens tokens) {
        AtomicBoolean received = new AtomicBoolean();
        return chatModel.stream(prompt)
                .timeout(properties.timeout())
                .doOnNext(tokens::record)
                .mapNotNull(ModelClient::text)
                .doOnNext(text -> received.set(true))
                .doOnComplete(timeLimiter::onSuccess)
                .doOnError(timeLimiter::onError)
                .onErrorMap(failure -> received.get() ? new StreamBroken(failure) : failure);
    }

    /** 429, 408, 5xx and connection failures; never 400/401/403/404, timeouts, or our own refusals. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamBroken || cause instanceof TimeoutException) {
                return false;
            }
            if (cause instanceof OpenAIServiceException service) {
                int status = service.statusCode();
                return status == 429 || status == 408 || status >= 500;
            }
            if (cause instanceof OpenAIIoException || cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    private static String text(ChatResponse response) {
        if (response.getResult() == null || response.getResult().getOutput() == null) {
            return null;
        }
        String text = response.getResult().getOutput().getText();
        return text == null || text.isEmpty() ? null : text;
    }

    /** The model failed after some of the answer had streamed. */
    static final class StreamBroken extends RuntimeException {

        StreamBroken(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    // Streamed usage comes on one (usually the last) chunk; keep the largest figures seen.
    private static final class Tokens {

        private final AtomicInteger in = new AtomicInteger();
        private final AtomicInteger out = new AtomicInteger();

        void record(ChatResponse response) {
            Usage usage = response.getMetadata() == null ? null : response.getMetadata().getUsage();
            if (usage != null) {
                in.accumulateAndGet(orZero(usage.getPromptTokens()), Math::max);
                out.accumulateAndGet(orZero(usage.getCompletionTokens()), Math::max);
            }
        }

        void countTo(Counter tokensIn, Counter tokensOut) {
            tokensIn.increment(in.get());
            tokensOut.increment(out.get());
        }

        private static int orZero(Integer value) {
            return value == null ? 0 : value;
        }
    }
}
