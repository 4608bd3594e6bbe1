package dev.switchboard.llm.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.http.Headers;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.RateLimitException;
import com.openai.errors.UnauthorizedException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** The limits around the model, each on its own; the model here is a stand-in that counts its calls. */
class ModelClientTest {

    static final Headers NO_HEADERS = Headers.builder().build();

    @Test
    void transientFailuresAreRetriedAndClientErrorsAreNot() {
        assertThat(ModelClient.isTransient(RateLimitException.builder().headers(NO_HEADERS).build())).isTrue();
        assertThat(ModelClient.isTransient(new CompletionException(
                InternalServerException.builder().statusCode(503).headers(NO_HEADERS).build()))).isTrue();
        assertThat(ModelClient.isTransient(new OpenAIIoException("connection refused"))).isTrue();
        assertThat(ModelClient.isTransient(BadRequestException.builder().headers(NO_HEADERS).build())).isFalse();
        assertThat(ModelClient.isTransient(UnauthorizedException.builder().headers(NO_HEADERS).build())).isFalse();
        assertThat(ModelClient.isTransient(new TimeoutException())).isFalse();
    }

    @Test
    void aFailureAfterTextStreamedIsNotRetried() {
        // Given a model that streams a word, then drops the connection
        AtomicInteger calls = new AtomicInteger();
        ModelClient client = client(calls, () -> Flux.concat(Flux.just(response("Restart ")),
                Flux.error(new OpenAIIoException("connection reset"))), limits(4, 20));

        // When it is asked, then the failure surfaces after one call: a retry would repeat "Restart "
        assertThatThrownBy(() -> client.stream(List.of(new UserMessage("q"))).collectList().block())
                .hasCauseInstanceOf(OpenAIIoException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void aConnectionFailureBeforeAnyTextIsRetried() {
        // Given a model that refuses the first connection, then answers
        AtomicInteger calls = new AtomicInteger();
        ModelClient client = client(calls, () -> calls.get() == 1 ? Flux.error(new OpenAIIoException("refused"))
                : Flux.just(response("Fine.")), limits(4, 20));

        // Then the second call's answer comes through
        assertThat(client.stream(List.of(new UserMessage("q"))).collectList().block()).containsExactly("Fine.");
        assertThat(calls).hasValue(2);
    }

    @Test
    void theBulkheadBoundsConcurrentCalls() {
        // Given a model that never answers and room for two calls at once
        AtomicInteger calls = new AtomicInteger();
        ModelClient client = client(calls, Flux::never, limits(2, 20));
        Disposable first = client.stream(List.of(new UserMessage("1"))).subscribe(t -> { }, e -> { });
        Disposable second = client.stream(List.of(new UserMessage("2"))).subscribe(t -> { }, e -> { });

        // When a third arrives, it is refused at once without reaching the model
        assertThatThrownBy(() -> client.stream(List.of(new UserMessage("3"))).blockLast())
                .isInstanceOf(BulkheadFullException.class);
        assertThat(calls).hasValue(2);
        first.dispose();
        second.dispose();
    }

    @Test
    void theRateLimiterRefusesCallsOverTheLimit() {
        // Given a limit of three calls per minute
        AtomicInteger calls = new AtomicInteger();
        ModelClient client = client(calls, () -> Flux.just(response("Ok.")), limits(4, 3));
        for (int i = 0; i < 3; i++) {
            client.stream(List.of(new UserMessage("q"))).blockLast();
        }

        // When a fourth arrives, it is refused at once without reaching the model
        assertThatThrownBy(() -> client.stream(List.of(new UserMessage("q"))).blockLast())
                .isInstanceOf(RequestNotPermitted.class);
        assertThat(calls).hasValue(3);
    }

    @Test
    void everyLimitExportsItsStateAsMetrics() {
        // Given a client and the registry it binds to
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        client(new AtomicInteger(), () -> Flux.just(response("Ok.")), limits(4, 20), meters);

        // Then the breaker, retry, bulkhead, rate limiter and time limiter of "llm" are all there
        assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "llm").tag("state", "closed").gauge()
                .value()).isEqualTo(1);
        assertThat(meters.get("resilience4j.bulkhead.available.concurrent.calls").tag("name", "llm").gauge().value())
                .isEqualTo(4);
        assertThat(meters.get("resilience4j.ratelimiter.available.permissions").tag("name", "llm").gauge().value())
                .isEqualTo(20);
        assertThat(meters.find("resilience4j.retry.calls").tag("name", "llm").functionCounters()).isNotEmpty();
        assertThat(meters.find("resilience4j.timelimiter.calls").tag("name", "llm").counters()).isNotEmpty();
    }

    private static LlmProperties limits(int concurrentCalls, int callsPerMinute) {
        return new LlmProperties("key", "http://model/v1", "m", 0.35, Duration.ofSeconds(5),
                new LlmProperties.Retry(3, Duration.ofMillis(10)), new LlmProperties.Breaker(50, 100, Duration.ofSeconds(30)),
                new LlmProperties.Bulkhead(concurrentCalls, Duration.ZERO),
                new LlmProperties.RateLimit(callsPerMinute, Duration.ofMinutes(1)));
    }

    private static ModelClient client(AtomicInteger calls, Supplier<Flux<ChatResponse>> answer,
            LlmProperties properties) {
        return client(calls, answer, properties, new SimpleMeterRegistry());
    }

    private static ModelClient client(AtomicInteger calls, Supplier<Flux<ChatResponse>> answer,
            LlmProperties properties, SimpleMeterRegistry meters) {
        ChatModel model = new ChatModel() {
            @Override
            public ChatResponse call(Prompt prompt) {
                throw new UnsupportedOperationException("streaming only");
            }

            @Override
            public Flux<ChatResponse> stream(Prompt prompt) {
                return Flux.defer(() -> {
                    calls.incrementAndGet();
                    return answer.get();
                });
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("chatModel", model);
        return new ModelClient(beans.getBeanProvider(ChatModel.class), properties, meters);
    }

    private static ChatResponse response(String text) {
        return new ChatResponse(List.of(new Generation(new AssistantMessage(text))));
    }
}
