package dev.switchboard.system;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Signed-in customers on the chat WebSocket of one gateway, sending messages on schedule (each starting a
 * conversation) whatever happens, as the chat page does: when the socket drops it reconnects with a jittered backoff
 * and sends again, with the same id, every message not answered yet; a 503 frame is sent again after its
 * {@code retryAfter}. Every frame is kept, so a test can count the replies each message got.
 */
final class SocketLoad {

    /**
     * The real replies (not the gateway's timeout placeholder) one message got over every connection, whether it got
     * the placeholder first, and whether it was sent again (a reconnect or a 503).
     */
    record Outcome(String messageId, List<Map<String, Object>> realReplies, boolean timedOut, boolean sentAgain) {

        String conversationId() {
            return realReplies.isEmpty() ? null : (String) realReplies.get(0).get("conversationId");
        }
    }

    private final ScheduledExecutorService schedule = Executors.newScheduledThreadPool(2);
    private final List<Customer> customers = new ArrayList<>();
    private final AtomicInteger sent = new AtomicInteger();

    private SocketLoad() {
    }

    /** {@code perSecond} messages a second for {@code duration}, spread over the customers in turn. */
    static SocketLoad start(String base, List<String> tokens, int perSecond, Duration duration, List<String> contents) {
        SocketLoad load = new SocketLoad();
        tokens.forEach(token -> load.customers.add(load.new Customer(base, token)));
        load.customers.forEach(Customer::connect);
        long total = perSecond * duration.toSeconds();
        load.schedule.scheduleAtFixedRate(() -> {
            int index = load.sent.get();
            if (index >= total) {
                return;
            }
            load.sent.incrementAndGet();
            load.customers.get(index % load.customers.size()).send(contents.get(index % contents.size()));
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        return load;
    }

    int sentSoFar() {
        return sent.get();
    }

    /** Waits for the schedule to end and every message to have its real reply (at most {@code atMost} more). */
    List<Outcome> finish(long total, Duration atMost) {
        await().atMost(atMost.plusMinutes(5)).until(() -> sent.get() >= total);
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(500))
                    .until(() -> customers.stream().allMatch(c -> c.unanswered.isEmpty()));
        } catch (ConditionTimeoutException e) {
            // which messages, and what their customers saw of them, for the gateway's logs
            String waiting = customers.stream().flatMap(c -> c.unanswered.keySet().stream().map(id -> String.format(
                    "%s (placeholder %s, sent again %s)", id, c.placeholders.contains(id) ? "received" : "none",
                    c.sentAgain.contains(id) ? "yes" : "no"))).collect(Collectors.joining(", "));
            // what each such message and its customer's sockets went through, to tell a send that never left from
            // one the gateway took and never answered
            String trails = customers.stream().filter(c -> !c.unanswered.isEmpty()).map(c -> String.format(
                    "%n  customer's sockets: %s%s", c.sockets, c.unanswered.keySet().stream().map(id -> String.format(
                            "%n  %s: %s", id, c.trail.getOrDefault(id, List.of()))).collect(Collectors.joining())))
                    .collect(Collectors.joining());
            throw new AssertionError(String.format("%d messages still without a real reply after %s; %d of %d "
                    + "customers connected: %s%s", customers.stream().mapToInt(c -> c.unanswered.size()).sum(), atMost,
                    customers.stream().filter(c -> c.socket != null).count(), customers.size(), waiting, trails), e);
        }
        schedule.shutdownNow();
        customers.forEach(Customer::close);
        return customers.stream().flatMap(c -> c.outcomes().stream()).toList();
    }

    private final class Customer implements WebSocket.Listener {

        private final String base;
        private final String token;
        /** Sent and not yet answered with a real reply: message id → content, sent again on every reconnect. */
        private final Map<String, String> unanswered = new ConcurrentHashMap<>();
        private final Map<String, List<Map<String, Object>>> realReplies = new ConcurrentHashMap<>();
        private final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final Set<String> placeholders = ConcurrentHashMap.newKeySet();
        private final Set<String> sentAgain = ConcurrentHashMap.newKeySet();
        /** Per message: when it was sent on which socket and how the send ended, and the frames that named it. */
        private final Map<String, List<String>> trail = new ConcurrentHashMap<>();
        /** When each of this customer's sockets opened and dropped. */
        private final List<String> sockets = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();
        private final HttpClient http = HttpClient.newHttpClient();
        private volatile WebSocket socket;
        private int attempts;
        /** The last send: a WebSocket takes one text at a time, so each send waits for the one before. */
        private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

        Customer(String base, String token) {
            this.base = base;
            this.token = token;
        }

        void connect() {
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/api/v1/chat/ws?access_token=" + token),
                            this)
                    .whenComplete((opened, failed) -> {
                        if (failed != null) {
                            sockets.add(Instant.now() + " connect failed: " + failed);
                            reconnectLater();
                        }
                    });
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            sockets.add(Instant.now() + " opened " + name(webSocket));
            synchronized (this) {
                socket = webSocket;
                // a send still pending on the dropped socket may never complete: the new socket's do not wait for it
                sending = CompletableFuture.completedFuture(null);
            }
            attempts = 0;
            unanswered.forEach((id, content) -> {
                sentAgain.add(id);
                sendNow(id, content);
            });
            webSocket.request(1);
        }

        void send(String content) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            unanswered.put(id, content);
            sendNow(id, content);
        }

        private synchronized void sendNow(String id, String content) {
            WebSocket open = socket;
            if (open != null && content != null) {
                String text = Api.JSON.writeValueAsString(Map.of("id", id, "content", content, "role", "user"));
                note(id, "queued on " + name(open));
                // a send on a socket that is dropping fails; the reconnect sends it again
                sending = sending.handle((done, failed) -> null).thenCompose(previous -> open.sendText(text, true))
                        .whenComplete((done, failed) -> note(id, (failed == null ? "sent on " : "failed (" + failed
                                + ") on ") + name(open)))
                        .exceptionally(failed -> null);
            } else {
                note(id, "not sent: no socket");
            }
        }

        private void note(String id, String what) {
            trail.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(Instant.now() + " " + what);
        }

        private static String name(WebSocket webSocket) {
            return "socket " + Integer.toHexString(System.identityHashCode(webSocket));
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<String, Object> frame = Api.JSON.readValue(partial.toString(), Map.class);
                partial.setLength(0);
                if ("reply".equals(frame.get("type"))) {
                    // the reply's fields sit beside "type"
                    String id = (String) frame.get("messageId");
                    note(id, "reply frame on " + name(webSocket) + (Boolean.TRUE.equals(frame.get("placeholder"))
                            ? " (placeholder)" : ""));
                    if (Boolean.TRUE.equals(frame.get("placeholder"))) {
                        placeholders.add(id);
                    } else {
                        realReplies.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(frame);
                        unanswered.remove(id);
                    }
                } else {
                    if (frame.get("messageId") instanceof String id) {
                        note(id, "error frame " + frame.get("status") + " retryAfter " + frame.get("retryAfter")
                                + " on " + name(webSocket));
                    }
                    // busy (503) or over the connection's rate (429): sent again when the gateway says
                    Api.SendAgain.asked(frame).filter(again -> unanswered.containsKey(again.messageId()))
                            .ifPresent(again -> {
                                sentAgain.add(again.messageId());
                                schedule.schedule(() -> sendNow(again.messageId(), unanswered.get(again.messageId())),
                                        again.after().toMillis(), TimeUnit.MILLISECONDS);
                            });
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            dropped(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            dropped(webSocket);
        }

        private void dropped(WebSocket webSocket) {
            sockets.add(Instant.now() + " dropped " + name(webSocket) + (socket == webSocket ? "" : " (not current)"));
            if (socket == webSocket) {
                socket = null;
                partial.setLength(0);
                reconnectLater();
            }
        }

        /** Doubling from half a second to eight, half of it at random, as the chat page does. */
        private void reconnectLater() {
            if (schedule.isShutdown()) {
                return;
            }
            long backoff = Math.min(8_000, 500L << Math.min(attempts++, 4));
            schedule.schedule(this::connect, backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2),
                    TimeUnit.MILLISECONDS);
        }

        List<Outcome> outcomes() {
            return ids.stream().map(id -> new Outcome(id, realReplies.getOrDefault(id, List.of()),
                    placeholders.contains(id), sentAgain.contains(id))).toList();
        }

        void close() {
            WebSocket open = socket;
            socket = null;
            if (open != null) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(failed -> null);
            }
        }
    }
}
