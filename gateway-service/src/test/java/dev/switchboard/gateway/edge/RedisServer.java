package dev.switchboard.gateway.edge;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A real redis-server on a free loopback port, without persistence; absent when no binary is installed. */
public final class RedisServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private RedisServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Optional<Path> binary() {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of("/usr/bin", "/usr/local/bin", "/usr/sbin"))
                .map(dir -> Path.of(dir, "redis-server")).filter(Files::isExecutable).findFirst();
    }

    /** Whether a redis-server binary is installed, for tests that need one to run at all. */
    public static boolean installed() {
        return binary().isPresent();
    }

    public static RedisServer start(Path binary) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        RedisServer server = new RedisServer(process, port);
        // generous: on a busy machine a process takes a while to be scheduled
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(server::answersPing);
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    private boolean answersPing() {
        RedisClient client = RedisClient.create(url());
        try (var connection = client.connect()) {
            return "PONG".equals(connection.sync().ping());
        } finally {
            client.shutdown();
        }
    }

    public List<String> keys(String pattern) {
        RedisClient client = RedisClient.create(url());
        try (var connection = client.connect()) {
            return connection.sync().keys(pattern);
        } finally {
            client.shutdown();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
