package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service instance running as its own JVM, its output appended to {@code <data>/logs/<name>.log}. */
final class ServiceProcess {

    static final String INSTANCE_PROPERTY = "switchboard.instance";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Service service;
    private final Process process;
    private final Path log;
    private final String host;
    private final boolean archivesAtExit;

    private ServiceProcess(Service service, Process process, Path log, String host, boolean archivesAtExit) {
        this.service = service;
        this.process = process;
        this.log = log;
        this.host = host;
        this.archivesAtExit = archivesAtExit;
    }

    static Path jar(Path home, Service service) {
        return home.resolve(service.module()).resolve("target").resolve(service.module() + ".jar");
    }

    /** @param sharing the class-data sharing of the stack's services, or null to run the jar as it is */
    static List<String> command(Path java, Path jar, Service service, ClassDataSharing sharing, Jit jit) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(service.heap().options());
        command.add("-Xss512k");
        // small heaps: the serial collector has the least overhead on two cores
        command.add("-XX:+UseSerialGC");
        // and each gives back, at once, what it grew to and no longer uses: intent-service's heap grows while the
        // language models load and kept that garbage's room for good (docs/benchmarks.md)
        command.add("-XX:MinHeapFreeRatio=10");
        command.add("-XX:MaxHeapFreeRatio=30");
        command.add("-XX:-ShrinkHeapInSteps");
        // which instance a process is, in ps and for tests (instances of one module run the same jar)
        command.add("-D" + INSTANCE_PROPERTY + "=" + service.name());
        command.addAll(jit.options(service));
        if (sharing != null) {
            // one class list and archive per module: only the first instance writes them
            command.addAll(sharing.options(jar, service.module(), service.instance() == 0));
        } else {
            command.add("-jar");
            command.add(jar.toString());
        }
        return command;
    }

    /** Starts the service's jar with {@code environment}; {@code host} is where this machine reaches its port. */
    static ServiceProcess start(Service service, Path home, ClassDataSharing sharing, Jit jit, Path logs,
            Map<String, String> environment, String host) {
        Path jar = jar(home, service);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Missing " + jar + ": build it first with ./mvnw -q install -DskipTests");
        }
        return start(service, command(Path.of(System.getProperty("java.home"), "bin", "java"), jar, service,
                sharing, jit), logs, environment, host);
    }

    static ServiceProcess start(Service service, List<String> command, Path logs, Map<String, String> environment,
            String host) {
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(service.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new ServiceProcess(service, builder.start(), log, host,
                    ClassDataSharing.archivesAtExit(command));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.name(), e);
        }
    }

    Service service() {
        return service;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code of an exited process (128 + the signal's number when a signal ended it). */
    int exitCode() {
        return process.exitValue();
    }

    boolean isHealthy() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(healthUrl()))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String healthUrl() {
        // readiness, not liveness: a service is ready once the path of a first message is warm
        return "http://" + host + ":" + service.managementPort() + "/actuator/health/readiness";
    }

    /** The last lines of the service's log, to show why it did not come up. */
    List<String> tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    /**
     * SIGTERM, so Spring shuts down gracefully; SIGKILL if it has not exited in time, which for a JVM that writes its
     * class-data archive at exit includes the time to write it.
     */
    void stop(Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        Duration allowed = archivesAtExit ? grace.plus(ClassDataSharing.ARCHIVE_WRITE_GRACE) : grace;
        try {
            if (!process.waitFor(allowed.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
