package dev.switchboard.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/** The public API of the running stack, through the gateway, as any HTTP client sees it. */
final class Api {

    static final String BASE = "http://localhost:8080";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    /** Through the first gateway. */
    Api() {
        this(BASE);
    }

    /** Through the gateway at {@code base}, such as http://localhost:8180 (the local stack's --gateways). */
    Api(String base) {
        this.base = base;
    }

    /** A response's status, JSON body (empty if none) and the wait its {@code Retry-After} asks for, if any. */
    record Response(int status, Map<String, Object> body, Optional<Duration> retryAfter) {
    }

    String guestToken() {
        return (String) post("/api/v1/auth/token", null, Map.of()).body().get("access_token");
    }

    String token(String user) {
        return (String) post("/api/v1/auth/token", null, Map.of("username", user, "password", "switchboard")).body()
                .get("access_token");
    }

    /** Waits as long as the gateway lets knowledge-service's admin API take (KB_ADMIN_TIMEOUT): the accuracy gate. */
    Response post(String path, String token, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    Response get(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** A GET whose answer is a JSON array (empty unless it answers 200). */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list(String path, String token) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readValue(response.body(), List.class) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The messages chat-service stores for the conversation, as its owner reads them; none until it answers 200. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> messages(String conversationId, String token) {
        Response response = get("/api/v1/chat/conversations/" + conversationId, token);
        return response.status() == 200 ? (List<Map<String, Object>>) response.body().get("messages") : List.of();
    }

    /** The body of a plain GET, such as a Prometheus scrape. */
    String text(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return response.body();
    }

    @SuppressWarnings("unchecked")
    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Response(response.statusCode(),
                    body.isBlank() || !body.strip().startsWith("{") ? Map.of() : JSON.readValue(body, Map.class),
                    response.headers().firstValue("Retry-After").map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A chat WebSocket that records every frame it receives. */
    ChatSocket connect(String token) {
        ChatSocket socket = new ChatSocket();
        socket.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(base.replaceFirst("^http", "ws") + "/api/v1/chat/ws?access_token=" + token), socket).join();
        return socket;
    }

    /**
     * What a WebSocket error frame with {@code retryAfter} asks (503 busy, 429 over the connection's rate): to send the
     * message it names again, with the same id, after that many seconds.
     */
    record SendAgain(String messageId, Duration after) {

        static Optional<SendAgain> asked(Map<String, Object> frame) {
            return "error".equals(frame.get("type")) && frame.get("retryAfter") instanceof Number seconds
                    && frame.get("messageId") instanceof String id
                    ? Optional.of(new SendAgain(id, Duration.ofSeconds(seconds.longValue()))) : Optional.empty();
        }
    }

    /**
     * A chat WebSocket that behaves as the chat page does when the gateway is busy: an error frame with
     * {@code retryAfter} (503 busy, 429 over the connection's rate) for a message not answered yet sends that message
     * again, with the same id, after the wait it names.
     */
    static final class ChatSocket implements WebSocket.Listener, AutoCloseable {

        final List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
        /** Messages sent and not answered yet, by id. */
        private final Map<String, Map<String, Object>> unanswered = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        /** A WebSocket takes one text at a time: senders (the test, a send again after busy) take turns. */
        synchronized void send(Map<String, Object> message) {
            if (message.get("id") instanceof String id) {
                unanswered.put(id, message);
            }
            socket.sendText(JSON.writeValueAsString(message), true).join();
        }

        List<Map<String, Object>> replies() {
            return frames.stream().filter(f -> "reply".equals(f.get("type"))).toList();
        }

        /** How many error frames told this customer to send a message again later. */
        long busyFrames() {
            return frames.stream().filter(f -> "error".equals(f.get("type")) && f.get("retryAfter") != null).count();
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Map<String, Object> frame = JSON.readValue(partial.toString(), Map.class);
                partial.setLength(0);
                frames.add(frame);
                if ("reply".equals(frame.get("type")) && !Boolean.TRUE.equals(frame.get("placeholder"))) {
                    unanswered.remove(frame.get("messageId"));
                } else {
                    SendAgain.asked(frame).filter(again -> unanswered.containsKey(again.messageId())).ifPresent(
                            again -> CompletableFuture.delayedExecutor(again.after().toMillis(), TimeUnit.MILLISECONDS)
                                    .execute(() -> {
                                        Map<String, Object> message = unanswered.get(again.messageId());
                                        if (message != null) {
                                            send(message);
                                        }
                                    }));
                }
            }
            webSocket.request(1);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
