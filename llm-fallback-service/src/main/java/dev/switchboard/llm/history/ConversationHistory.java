package dev.switchboard.llm.history;

import dev.switchboard.llm.model.LlmProperties;
import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The last turns of a conversation, from chat-service. History makes answers better but is not worth a customer's
 * wait: when chat-service is slow or down the answer goes ahead without it, and the miss is counted and logged.
 */
@Component
public class ConversationHistory {

    private static final Logger log = LoggerFactory.getLogger(ConversationHistory.class);

    /** One stored message; role is {@code user} or {@code assistant}. */
    public record Turn(String id, String role, String content, Instant timestamp) {
    }

    private static final String CHAT_SERVICE = "chat-service";
    private static final int WARM_UP_ATTEMPTS = 20;

    private final WebClient web;
    private final HistoryProperties properties;
    private final LlmProperties llm;
    private final Counter fetched;
    private final Counter unavailable;

    ConversationHistory(HistoryProperties properties, LlmProperties llm, MeterRegistry meters,
            InternalAuthProperties auth, @Value("${spring.application.name}") String serviceName) {
        // chat-service gives history only to a service it trusts, which signs its calls as itself
        this.web = WebClient.builder().baseUrl(properties.url())
                .filter(InternalTokens.of(serviceName, auth).asService(CHAT_SERVICE)).build();
        this.properties = properties;
        this.llm = llm;
        this.fetched = Counter.builder("llm.history.requests").tag("outcome", "fetched")
                .description("history requests to chat-service").register(meters);
        this.unavailable = Counter.builder("llm.history.requests").tag("outcome", "unavailable")
                .description("history requests to chat-service").register(meters);
    }

    /**
     * The first request of a fresh JVM pays for starting the HTTP client (about half a second here), for signing the
     * first token, and at chat-service for verifying it: more than the history timeout. Make it at start-up, off the
     * customer's path, when answers will need history, and again until chat-service (which may start later) answers.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        if (!llm.enabled()) {
            return;
        }
        request("warm-up", "warm-up", 1).timeout(Duration.ofSeconds(10))
                .retryWhen(Retry.backoff(WARM_UP_ATTEMPTS, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(10)))
                .subscribe(turns -> log.debug("history client warmed up"),
                        failure -> log.warn("history warm-up failed {} times ({}); the first answers may go without "
                                + "history", WARM_UP_ATTEMPTS, failure.toString()));
    }

    /**
     * The turns before {@code messageId}, oldest first, of {@code userId}'s conversation (none of anyone else's);
     * empty when chat-service did not answer in time.
     */
    public List<Turn> before(String conversationId, String userId, String messageId) {
        try {
            // one more than needed: chat-service may already hold the message being answered
            List<Turn> turns = request(conversationId, userId, properties.turns() + 1).timeout(properties.timeout())
                    .block();
            fetched.increment();
            List<Turn> earlier = turns == null ? List.of()
                    : turns.stream().filter(turn -> !messageId.equals(turn.id())).toList();
            return earlier.subList(Math.max(0, earlier.size() - properties.turns()), earlier.size());
        } catch (RuntimeException failure) {
            unavailable.increment();
            log.warn("conversationId={} history unavailable ({}), answering without it", conversationId,
                    failure.getClass().getSimpleName());
            return List.of();
        }
    }

    private Mono<List<Turn>> request(String conversationId, String userId, int limit) {
        return web.get().uri("/internal/v1/conversations/{id}/history?userId={user}&limit={limit}", conversationId,
                        userId, limit)
                .retrieve().bodyToFlux(Turn.class).collectList();
    }
}
