package dev.switchboard.gateway.chat;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.gateway.replies.PendingReplies;
import dev.switchboard.gateway.replies.ReplyListener;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.Rehearsals;
import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Readiness rehearses a customer message through this gateway (see {@link Rehearsals}): the exchange claims it and
 * publishes it on chat.inbound, marked, so no other service handles it; the reply listener is handed its reply as a
 * poll would; the exchange answers with it, written as the API shows it. So the first real message does not pay for
 * this path's first run (with the edge's own warm-up, about 0.3 s of it cold: docs/benchmarks.md).
 */
@Configuration(proxyBeanMethods = false)
class ChatRehearsal {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Bean
    WarmUp exchangeRehearsal(Rehearsals rehearsals, ChatExchange exchange, PendingReplies pending, JsonMapper json) {
        return rehearsals.warmUp("a customer message through the chat exchange and the reply listener",
                messageId -> rehearsals.marking(messageId, () -> {
                    CompletableFuture<Answer> answered = exchange.send(new CustomerMessage(messageId,
                            "How do I set up autopay for my monthly bill?", "user", null, null, null),
                            Rehearsals.USER_ID, "rest", chunk -> { }).toFuture();
                    awaitWaiting(pending, messageId, answered);
                    rehearsals.rehearse(ReplyListener.ID, Topics.CHAT_REPLIES, reply(messageId));
                    json.writeValueAsBytes(AssistantReply.of(result(answered)));
                }));
    }

    /**
     * Until the exchange waits for the reply (its claim may answer on another thread), or has its answer already
     * (from a listener in this process: only tests run the pipeline's stand-ins beside the gateway).
     */
    private static void awaitWaiting(PendingReplies pending, String messageId, CompletableFuture<Answer> answered) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!pending.waiting(Rehearsals.USER_ID, messageId) && !answered.isDone()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The exchange did not wait for a reply within " + WAIT);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private static Answer result(CompletableFuture<Answer> answered) {
        try {
            return answered.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while rehearsing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The rehearsed message was not answered: " + e, e);
        }
    }

    private static ChatReplied reply(String messageId) {
        ChatReplied reply = new Envelope(messageId, messageId, Rehearsals.USER_ID, 0, Instant.now())
                .stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent("You can turn on autopay under Billing, then Payment settings.");
        reply.setAgent(Agent.billing);
        reply.setIntent("autopay_paperless");
        reply.setSource(ReplySource.knowledge_base);
        reply.setConfidence(0.9);
        reply.setLatencyMs(0);
        return reply;
    }
}
