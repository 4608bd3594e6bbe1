package dev.switchboard.deploy;

import dev.switchboard.platform.test.TestIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A service's packaged jar running as its own JVM, as in production, its console going to a file. */
final class ServiceJar implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String module;
    final int port;
    /** Where its actuator answers: its own port, or the management port of a service that has one. */
    final int actuatorPort;
    final Path log;
    private final Process process;

    private ServiceJar(String module, int port, int actuatorPort, Path log, Process process) {
        this.module = module;
        this.port = port;
        this.actuatorPort = actuatorPort;
        this.log = log;
        this.process = process;
    }

    static Path home() {
        return Path.of(System.getProperty("switchboard.home", "..")).toAbsolutePath().normalize();
    }

    static ServiceJar start(String module, String heap, Path logs, Map<String, String> environment) throws IOException {
        Path jar = home().resolve(module).resolve("target").resolve(module + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build it first with ./mvnw -q install -DskipTests");
        }
        int port = freePort();
        Files.createDirectories(logs);
        Path log = logs.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // only what the test passes decides where traces go, whatever the shell running the build exports
        builder.environment().remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        // the keys of internal identity, made for this test JVM
        builder.environment().putAll(TestIdentity.environment(module));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        // the gateway serves its actuator on a management port of its own (MANAGEMENT_PORT), not on the public one
        int actuatorPort = port;
        if (module.equals("gateway-service")) {
            actuatorPort = freePort();
            builder.environment().put("MANAGEMENT_PORT", Integer.toString(actuatorPort));
        }
        // the service stops by itself if this test JVM dies without closing it
        builder.environment().put("SWITCHBOARD_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        return new ServiceJar(module, port, actuatorPort, log, builder.start());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A path of its actuator (health, Prometheus). */
    String actuatorUrl(String path) {
        return "http://127.0.0.1:" + actuatorPort + path;
    }

    boolean isHealthy() {
        if (!process.isAlive()) {
            throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n" + tail());
        }
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create(actuatorUrl("/actuator/health/readiness")))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<String> lines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tail() {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
