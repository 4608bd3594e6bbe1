package dev.switchboard.system;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Customer messages at a steady rate through {@code POST /api/v1/chat/messages}, each starting a conversation, sent on
 * schedule whatever the answers (open loop), for a system test that breaks something meanwhile.
 */
final class SteadyLoad {

    /** The gateway's placeholder when the pipeline did not answer within its reply timeout. */
    static final String TIMEOUT_REPLY = "taking longer than it should";

    /** One message sent, what the customer got back, and how often it was sent again because the gateway was busy. */
    record Sent(String messageId, int status, String conversationId, String content, int retries) {

        boolean timedOut() {
            return content != null && content.contains(TIMEOUT_REPLY);
        }
    }

    private static final Duration RETRY_FOR = Duration.ofMinutes(1);

    private final List<CompletableFuture<Sent>> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    private SteadyLoad() {
    }

    /** @param customers the token of each message's sender, asked once per message */
    static SteadyLoad start(Api api, Supplier<String> customers, int perSecond, Duration duration,
            List<String> contents) {
        SteadyLoad load = new SteadyLoad();
        long total = perSecond * duration.toSeconds();
        load.schedule.scheduleAtFixedRate(() -> {
            int index = load.sent.size();
            if (index >= total) {
                load.schedule.shutdown();
                return;
            }
            String id = UUID.randomUUID().toString();
            String content = contents.get(index % contents.size());
            String token = customers.get();
            load.sent.add(CompletableFuture.supplyAsync(() -> send(api, token, id, content), load.callers));
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    /** What a customer finally got for one message, and how often they sent it again to get it. */
    record Posted(Api.Response response, int retries) {
    }

    /**
     * Sends one message as the chat page does: a 503 with {@code Retry-After} means busy, not refused, so the same
     * message goes again after that wait, for up to a minute; a connection that drops or is refused (its gateway
     * killed) is tried again with the same id after a backoff, as a mobile client does: doubling from half a second
     * to eight, half of it drawn at random, so that a gateway's customers do not all come back in the same second.
     */
    static Posted post(Api api, String token, String id, String content) {
        long giveUpAt = System.nanoTime() + RETRY_FOR.toNanos();
        int retries = 0;
        int drops = 0;
        while (true) {
            Api.Response response;
            try {
                response = api.post("/api/v1/chat/messages", token,
                        Map.of("id", id, "content", content, "role", "user"));
            } catch (UncheckedIOException dropped) {
                if (System.nanoTime() >= giveUpAt) {
                    throw dropped;
                }
                retries++;
                long backoff = Math.min(8_000, 500L << Math.min(drops++, 4));
                LockSupport.parkNanos(Duration.ofMillis(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2))
                        .toNanos());
                continue;
            }
            if (response.status() == 503 && response.retryAfter().isPresent() && System.nanoTime() < giveUpAt) {
                retries++;
                LockSupport.parkNanos(response.retryAfter().get().toNanos());
                continue;
            }
            return new Posted(response, retries);
        }
    }

    private static Sent send(Api api, String token, String id, String content) {
        Posted posted = post(api, token, id, content);
        Map<String, Object> body = posted.response().body();
        return new Sent(id, posted.response().status(), (String) body.get("conversationId"),
                (String) body.get("content"), posted.retries());
    }

    int sentSoFar() {
        return sent.size();
    }

    /** Waits for the last send and every answer (the gateway answers each within its reply timeout). */
    List<Sent> finish() throws Exception {
        schedule.awaitTermination(5, TimeUnit.MINUTES);
        List<Sent> answered = CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(done -> sent.stream().map(CompletableFuture::join).toList()).get(2, TimeUnit.MINUTES);
        callers.shutdown();
        return answered;
    }
}
