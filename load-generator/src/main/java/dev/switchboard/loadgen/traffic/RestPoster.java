package dev.switchboard.loadgen.traffic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * Posts customer messages with a blocking {@link HttpURLConnection} per message, each on a thread of its own (kept
 * alive and reused while the load lasts), so sending never waits for an answer. Why not the JDK's asynchronous
 * {@code HttpClient}: one message at a time through the stack, side by side, it added about 3 ms at p50 to what
 * this client measured (16.0 against 12.9 ms), and the benchmark must measure the stack, not its own client. The
 * request goes out in one write (the body is buffered to set its length).
 */
final class RestPoster {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    static {
        // the JDK keeps 5 idle connections per destination by default: every further message in flight would
        // otherwise open and close a connection of its own (unless the user chose a number)
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "1000");
        }
    }

    private final URL messages;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "rest-poster");
        thread.setDaemon(true);
        return thread;
    });

    RestPoster(URI gateway) {
        try {
            this.messages = gateway.resolve("/api/v1/chat/messages").toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + gateway, e);
        }
    }

    CompletableFuture<Answer> post(String token, String body) {
        return CompletableFuture.supplyAsync(() -> call(token, body.getBytes(StandardCharsets.UTF_8)), threads);
    }

    // no read timeout: the grace period after the last send bounds every message, as on the WebSocket
    private Answer call(String token, byte[] body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) messages.openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Authorization", "Bearer " + token);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            // the body is read to its end even for an error, so the connection goes back to the pool
            byte[] response = readAll(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            return status == 200 ? Answer.reply(JSON.readTree(response)) : Answer.httpError(status);
        } catch (IOException e) {
            return Answer.failure(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        try (in) {
            return in.readAllBytes();
        }
    }
}
