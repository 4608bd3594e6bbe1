package dev.switchboard.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Customer messages at a steady rate through {@code POST /api/v1/chat/messages}, each starting a conversation, sent on
 * schedule whatever the answers (open loop), for a system test that breaks something meanwhile.
 */
final class SteadyLoad {

    /** The gateway's placeholder when the pipeline did not answer within its reply timeout. */
    static final String TIMEOUT_REPLY = "taking longer than it should";

    /** One message sent and what the customer got back. */
    record Sent(String messageId, int status, String conversationId, String content) {

        boolean timedOut() {
            return content != null && content.contains(TIMEOUT_REPLY);
        }
    }

    private final List<CompletableFuture<Sent>> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService callers = Executors.newCachedThreadPool();

    private SteadyLoad() {
    }

    static SteadyLoad start(Api api, String token, int perSecond, Duration duration, List<String> contents) {
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
            load.sent.add(CompletableFuture.supplyAsync(() -> {
                Api.Response response = api.post("/api/v1/chat/messages", token,
                        Map.of("id", id, "content", content, "role", "user"));
                Map<String, Object> body = response.body() == null ? Map.of() : response.body();
                return new Sent(id, response.status(), (String) body.get("conversationId"),
                        (String) body.get("content"));
            }, load.callers));
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
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
