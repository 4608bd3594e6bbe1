package dev.switchboard.loadgen.traffic;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One customer's chat socket: sends messages as text frames and hands each {"type":"reply"} or {"type":"error"}
 * frame to the message it names by {@code messageId}.
 */
public final class ChatSocket implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int OPEN_BATCH = 50;

    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final StringBuilder partial = new StringBuilder();
    private final AtomicLong errorsWithoutId = new AtomicLong();
    private final CompletableFuture<Integer> closedByServer = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closing;
    /** The JDK socket takes one send at a time: each send waits for the previous one, without blocking the caller. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    ChatSocket() {
    }

    static CompletableFuture<ChatSocket> open(HttpClient http, URI gateway, Customer customer) {
        URI uri = URI.create(gateway.toString().replaceFirst("^http", "ws") + "/api/v1/chat/ws?access_token="
                + URLEncoder.encode(customer.token(), StandardCharsets.UTF_8));
        ChatSocket chat = new ChatSocket();
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, chat)
                .thenApply(socket -> {
                    customer.attach(chat);
                    return chat;
                });
    }

    /**
     * Opens a socket for each customer, a batch at a time so the handshakes do not queue behind one another for
     * long. A customer whose socket did not open keeps none, and its messages count as failures.
     *
     * @return the sockets that opened
     */
    public static List<ChatSocket> openAll(HttpClient http, URI gateway, List<Customer> customers) {
        List<ChatSocket> opened = new ArrayList<>();
        for (int from = 0; from < customers.size(); from += OPEN_BATCH) {
            List<CompletableFuture<ChatSocket>> batch = customers.subList(from,
                    Math.min(customers.size(), from + OPEN_BATCH)).stream().map(c -> open(http, gateway, c)).toList();
            for (CompletableFuture<ChatSocket> socket : batch) {
                try {
                    opened.add(socket.get(15, TimeUnit.SECONDS));
                } catch (ExecutionException | TimeoutException e) {
                    socket.cancel(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return opened;
                }
            }
        }
        return opened;
    }

    CompletableFuture<Answer> send(String messageId, String frame) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        pending.put(messageId, answer);
        synchronized (this) {
            sending = sending.handle((done, error) -> null)
                    .thenCompose(ignored -> socket.sendText(frame, true))
                    .whenComplete((done, error) -> {
                        if (error != null) {
                            settle(messageId, Answer.failure(error));
                        }
                    });
        }
        return answer;
    }

    /** Stops waiting for a message's answer (it has been counted as no-answer). */
    void forget(String messageId) {
        pending.remove(messageId);
    }

    long errorsWithoutId() {
        return errorsWithoutId.get();
    }

    /** Completes with the close status when the server closed the socket or it failed. */
    public CompletableFuture<Integer> closedByServer() {
        return closedByServer;
    }

    public void close() {
        closing = true;
        WebSocket open = socket;
        if (open != null && !open.isOutputClosed()) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String frame = partial.toString();
            partial.setLength(0);
            handle(frame);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (JacksonException e) {
            errorsWithoutId.incrementAndGet();
            return;
        }
        String type = frame.path("type").asString("");
        String messageId = frame.path("messageId").asString(null);
        if (type.equals("reply") && messageId != null) {
            settle(messageId, Answer.reply(frame));
        } else if (type.equals("error") && messageId != null) {
            settle(messageId, Answer.webSocketError(frame.path("status").asInt(0)));
        } else if (type.equals("error")) {
            // e.g. the per-connection rate limit: it names no message, which then goes unanswered
            errorsWithoutId.incrementAndGet();
        }
    }

    private void settle(String messageId, Answer answer) {
        CompletableFuture<Answer> waiting = pending.remove(messageId);
        if (waiting != null) {
            waiting.complete(answer);
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed(statusCode, new IOException("socket closed by the gateway: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed(-1, error);
    }

    private void closed(int status, Throwable why) {
        if (!closing) {
            closedByServer.complete(status);
        }
        pending.keySet().forEach(messageId -> settle(messageId, Answer.failure(why)));
    }
}
