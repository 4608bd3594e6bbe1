package dev.switchboard.gateway.chat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.json.JsonMapper;

/** A test client of the chat WebSocket that records every frame from the moment it is connected. */
public final class ChatSocket implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final List<Map<String, Object>> frames = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;
    /** Why the server closed or the connection failed, if it did: the first thing to read when frames are missing. */
    public volatile String ended = "open";

    public ChatSocket(int port, String token) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("ws://localhost:" + port + "/api/v1/chat/ws?access_token=" + token), this)
                .join();
    }

    public void send(Object message) {
        socket.sendText(message instanceof String text ? text : JSON.writeValueAsString(message), true).join();
    }

    public List<Map<String, Object>> ofType(String type) {
        return frames.stream().filter(f -> type.equals(f.get("type"))).toList();
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            frames.add(JSON.readValue(partial.toString(), Map.class));
            partial.setLength(0);
        }
        webSocket.request(1);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended = "closed by the server: " + statusCode + " " + reason;
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended = "failed: " + error;
    }

    @Override
    public void close() {
        // a socket the server closed has answered that close already
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
