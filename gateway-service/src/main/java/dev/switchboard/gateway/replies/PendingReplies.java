package dev.switchboard.gateway.replies;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplyChunk;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The customer messages this instance is waiting to answer, by customer and messageId (message ids are scoped per
 * customer), and where their replies go.
 */
@Component
public class PendingReplies {

    private static final Logger log = LoggerFactory.getLogger(PendingReplies.class);

    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final Counter unclaimed;

    PendingReplies(MeterRegistry meters) {
        meters.gaugeMapSize("gateway.replies.pending", java.util.List.of(), pending);
        unclaimed = Counter.builder("gateway.replies.unclaimed")
                .description("replies that arrived after their customer stopped waiting").register(meters);
    }

    private record Key(String userId, String messageId) {
    }

    private record Pending(Sinks.One<ChatReplied> reply, Consumer<ReplyChunk> chunks) {
    }

    /**
     * Starts waiting for the reply to the customer's {@code messageId}; chunks of a streamed reply go to
     * {@code chunks} meanwhile.
     *
     * @throws IllegalStateException when that message is already waiting for its reply
     */
    public Mono<ChatReplied> expect(String userId, String messageId, Consumer<ReplyChunk> chunks) {
        Pending entry = new Pending(Sinks.one(), chunks);
        Key key = new Key(userId, messageId);
        if (pending.putIfAbsent(key, entry) != null) {
            throw new IllegalStateException("Message " + messageId + " is already waiting for its reply");
        }
        return entry.reply().asMono().doFinally(signal -> pending.remove(key, entry));
    }

    /** Whether the customer's {@code messageId} is waiting for its reply here. */
    public boolean waiting(String userId, String messageId) {
        return pending.containsKey(new Key(userId, messageId));
    }

    /** How many customer messages this instance is waiting to answer. */
    public int size() {
        return pending.size();
    }

    public void forget(String userId, String messageId) {
        pending.remove(new Key(userId, messageId));
    }

    void deliver(ChatReplied reply) {
        Pending entry = pending.get(new Key(reply.getUserId(), reply.getMessageId()));
        if (entry == null) {
            unclaimed.increment();
            log.debug("No one waits for the reply to {} any more (chat-service has stored it)", reply.getMessageId());
            return;
        }
        entry.reply().tryEmitValue(reply);
    }

    void deliver(ReplyChunk chunk) {
        Pending entry = pending.get(new Key(chunk.getUserId(), chunk.getMessageId()));
        if (entry != null) {
            entry.chunks().accept(chunk);
        }
    }
}
