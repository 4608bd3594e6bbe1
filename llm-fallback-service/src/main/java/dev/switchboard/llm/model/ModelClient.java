package dev.switchboard.llm.model;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Optional;
import org.springframework.ai.chat.messages.SystemMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * The only way to the model: a streamed completion behind a timeout and a circuit breaker, so a slow or failing
 * model costs the customer at most the timeout and, once the breaker is open, nothing at all.
 */
@Component
public class ModelClient {

    private final ChatModel chatModel;
    private final LlmProperties properties;
    private final CircuitBreaker breaker;
    private final Timer latency;

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
                .build());
        this.breaker = breakers.circuitBreaker("llm");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
        this.latency = Timer.builder("llm.model.latency").description("time to a complete streamed answer")
                .register(meters);
    }

    /** Empty in offline mode: no chat model is configured. */
    public Optional<ModelClient> ifEnabled() {
        return chatModel == null ? Optional.empty() : Optional.of(this);
    }

    /** Text deltas of the answer; errors with the model's failure, a timeout, or CallNotPermittedException. */
    public Flux<String> stream(String system, String user) {
        return Flux.defer(() -> {
            Timer.Sample started = Timer.start();
            return chatModel.stream(new Prompt(new SystemMessage(system), new UserMessage(user)))
                    .timeout(properties.timeout())
                    .mapNotNull(ModelClient::text)
                    .doOnComplete(() -> started.stop(latency));
        }).transformDeferred(CircuitBreakerOperator.of(breaker));
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
}
