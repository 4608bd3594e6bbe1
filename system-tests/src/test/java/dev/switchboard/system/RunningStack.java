package dev.switchboard.system;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The local stack started as a user starts it: {@code java -jar local-stack/target/local-stack.jar}. */
final class RunningStack implements AutoCloseable {

    /**
     * Given to the launcher as its {@code --startup-timeout}. A fresh build's first start took 259-262 s in clean runs
     * here on 2026-12-07, and over the launcher's 240 s of then on CI and in a clean run here the same day (ten JVMs,
     * the broker and PostgreSQL starting on two shared cores, no class-data archives, no cached embeddings).
     */
    static final Duration LAUNCHER_TIMEOUT = Duration.ofMinutes(10);
    /** The launcher's timeout ends a start first and prints which services were not healthy. */
    static final Duration START_TIMEOUT = LAUNCHER_TIMEOUT.plusMinutes(1);
    static final String READY = "Switchboard is ready";

    private final Process process;
    private final Path dataDir;
    private final StringBuffer output = new StringBuffer();

    private RunningStack(Process process, Path dataDir) {
        this.process = process;
        this.dataDir = dataDir;
    }

    /** The project's root, where the modules' jars are built and beside which ../shared lies. */
    static Path home() {
        return Path.of(System.getProperty("switchboard.home", "..")).toAbsolutePath().normalize();
    }

    /** @param options more of the launcher's options, such as {@code --gateways=3} */
    static RunningStack start(Path dataDir, String... options) {
        return start(dataDir, Map.of(), options);
    }

    /** @param environment variables for the launcher and, through it, every service (such as {@code REDIS_URL}) */
    static RunningStack start(Path dataDir, Map<String, String> environment, String... options) {
        Path home = home();
        Path jar = home.resolve("local-stack/target/local-stack.jar");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString(), "--data-dir=" + dataDir,
                "--startup-timeout=" + LAUNCHER_TIMEOUT.toSeconds()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SWITCHBOARD_HOME", home.toString());
        // the stack must run on its own defaults, whatever the developer's shell exports
        builder.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("REDIS_URL");
        builder.environment().remove("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
        builder.environment().putAll(environment);
        try {
            RunningStack stack = new RunningStack(builder.start(), dataDir);
            stack.awaitReady();
            return stack;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitReady() {
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                    if (line.contains(READY)) {
                        ready.complete(true);
                    }
                }
            } catch (IOException e) {
                // the process ended; what it printed is in output
            }
            ready.complete(false);
        }, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
        boolean started;
        try {
            started = ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            started = false;
        }
        if (!started) {
            IllegalStateException notReady = new IllegalStateException("The local stack did not become ready in "
                    + START_TIMEOUT + ". It printed:\n" + output + "\nService logs:\n" + serviceLogs());
            // stopped before failing, so that nothing of it holds the ports or the data directory afterwards; a stop
            // that fails too must not hide why it did not start
            try {
                close();
            } catch (RuntimeException e) {
                notReady.addSuppressed(e);
            }
            throw notReady;
        }
    }

    /** Every process the stack started, PostgreSQL included. */
    List<ProcessHandle> processes() {
        Stream<ProcessHandle> children = process.toHandle().descendants();
        Optional<ProcessHandle> postmaster = postmaster();
        Stream<ProcessHandle> database = postmaster.map(p -> Stream.concat(Stream.of(p), p.descendants()))
                .orElse(Stream.empty());
        return Stream.concat(Stream.concat(Stream.of(process.toHandle()), children), database).distinct().toList();
    }

    private Optional<ProcessHandle> postmaster() {
        try {
            Path pidFile = dataDir.resolve("postgres/postmaster.pid");
            return Files.exists(pidFile)
                    ? ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).get(0).strip()))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Sends a fault-test command to the launcher (started with {@code --control=stdin}), such as "stop kafka", and
     * returns once it reports the command done.
     */
    void control(String command) {
        printsAfter("control: done: " + command, () -> {
            try {
                process.getOutputStream().write((command + "\n").getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Kills the service instance with SIGKILL and returns once the stack has restarted it and reports it ready. */
    void killService(String service) {
        printsAfter(service + " is ready again", () -> serviceProcess(service).destroyForcibly());
    }

    /** Does {@code action}, then waits (at most 2 minutes) until the stack prints one more line containing {@code text}. */
    private void printsAfter(String text, Runnable action) {
        long before = linesContaining(text);
        action.run();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> linesContaining(text) > before);
    }

    private long linesContaining(String text) {
        return output().lines().filter(line -> line.contains(text)).count();
    }

    /**
     * A customer's token from the stack's development issuer, signed with the key the stack made in its data directory,
     * for as many distinct signed-in customers as a test needs (the demo users are four; guests share one rate limit).
     */
    String customerToken(String subject) {
        try {
            byte[] key = Files.readString(dataDir.resolve("secrets/jwt-secret")).strip().getBytes(StandardCharsets.UTF_8);
            long now = Instant.now().getEpochSecond();
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            String unsigned = base64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + base64.encodeToString(Api.JSON.writeValueAsBytes(Map.of("iss", "switchboard-dev", "sub",
                            subject, "iat", now, "exp", now + 3600, "roles", List.of("customer"))));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            return unsigned + "." + base64.encodeToString(hmac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String output() {
        return output.toString();
    }

    /**
     * Restarts one of the stack's services as a user would: {@code environment} goes into its settings file under the
     * data directory (an empty map removes the file), its process is stopped (SIGTERM), and the stack's supervisor
     * starts it again with those settings. Returns once the stack reports it ready again.
     */
    void restartService(String service, Map<String, String> environment) {
        Path settings = dataDir.resolve("config/" + service + ".env");
        try {
            if (environment.isEmpty()) {
                Files.deleteIfExists(settings);
            } else {
                Files.createDirectories(settings.getParent());
                StringBuilder lines = new StringBuilder();
                environment.forEach((name, value) -> lines.append(name).append('=').append(value).append('\n'));
                Files.writeString(settings, lines);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        printsAfter(service + " is ready again", () -> serviceProcess(service).destroy());
    }

    /** The gateway's rate limits for the tests that send far more than one customer would. */
    private static final Map<String, String> LIFTED_RATE_LIMITS = Map.of("RATE_LIMIT_REQUESTS", "1000000");

    /**
     * Restarts the gateway with its rate limits lifted, unless its settings file already lifts them (the file
     * outlives restarts of the gateway and of the stack, so this is done once per data directory).
     */
    void liftRateLimits() {
        Path settings = dataDir.resolve("config/gateway-service.env");
        try {
            String lifted = LIFTED_RATE_LIMITS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + "\n")
                    .collect(Collectors.joining());
            if (Files.exists(settings) && Files.readString(settings).equals(lifted)) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restartService("gateway-service", LIFTED_RATE_LIMITS);
    }

    /** The running process of one of the stack's service instances, by name: chat-service, gateway-service-1. */
    ProcessHandle serviceProcess(String service) {
        // the local stack names each instance on its command line (gateway-service, gateway-service-1…)
        return processes().stream().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().commandLine().orElse("").contains("-Dswitchboard.instance=" + service + " "))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + service + " in the stack"));
    }

    /** Stops it as Ctrl-C would and waits until every process it started is gone. */
    @Override
    public void close() {
        List<ProcessHandle> started = processes();
        process.destroy();
        // ten JVMs, the broker and PostgreSQL stopping in order take over a minute on a busy machine
        await().atMost(Duration.ofMinutes(3)).until(() -> started.stream().noneMatch(ProcessHandle::isAlive));
    }

    /** Stops it, then copies the service logs to {@code kept}: a test's temporary data directory goes away. */
    void closeKeepingLogs(Path kept) {
        close();
        try (Stream<Path> logs = Files.list(dataDir.resolve("logs"))) {
            Files.createDirectories(kept);
            for (Path log : logs.toList()) {
                Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines a service (its first instance) has logged since this stack started it. */
    List<String> serviceLog(String service) {
        try {
            return Files.readAllLines(dataDir.resolve("logs").resolve(service + ".log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every line of every service log that holds the text, after the name of its log. */
    String linesMentioning(String text) {
        StringBuilder found = new StringBuilder();
        try (Stream<Path> files = Files.list(dataDir.resolve("logs"))) {
            for (Path log : files.sorted().toList()) {
                Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(line -> line.contains(text))
                        .forEach(line -> found.append(log.getFileName()).append(": ").append(line).append('\n'));
            }
        } catch (IOException e) {
            found.append("(cannot read logs: ").append(e.getMessage()).append(")");
        }
        return found.toString();
    }

    String serviceLogs() {
        Path logs = dataDir.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "(no logs)";
        }
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                all.append("== ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 60), lines.size())
                        .forEach(l -> all.append(l).append('\n'));
            }
        } catch (IOException e) {
            all.append("(cannot read logs: ").append(e.getMessage()).append(")");
        }
        return all.toString();
    }
}
