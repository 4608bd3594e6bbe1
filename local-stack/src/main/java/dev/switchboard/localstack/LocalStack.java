package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Runs the whole system on one machine: a Kafka broker and PostgreSQL from Maven artifacts, then every service as
 * its own JVM. Waits until all are healthy, prints where they are, and on Ctrl-C or SIGTERM stops them all.
 */
public final class LocalStack {

    static final String READY = "Switchboard is ready";
    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final int POSTGRES_PORT = 15432;
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);

    private final Options options;
    private final List<Supervised> running = new ArrayList<>();
    private volatile ClassDataSharing sharing;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "local-stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile KafkaBroker kafka;
    private volatile Postgres postgres;
    private Secrets secrets;

    LocalStack(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args, System.getenv(), Path.of("").toAbsolutePath());
        } catch (Options.UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("local-stack: " + e.getMessage());
            }
            System.err.println(Options.USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }
        OwnHeap.giveBackUnusedHeap().forEach((flag, why) -> log("JVM flag " + flag + " not set: " + why));
        LocalStack stack = new LocalStack(options);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(1);
        }
        stack.awaitStop();
    }

    void start() {
        Instant began = Instant.now();
        FileLock lock = lockDataDir();
        log("data directory " + options.dataDir() + (lock == null ? "" : " (locked)"));
        boolean needsDatabase = options.services().stream().anyMatch(s -> s.database() != null)
                || options.services().isEmpty();
        // the broker and PostgreSQL share nothing: started side by side, the services wait for the slower only
        CompletableFuture<Void> database = CompletableFuture.completedFuture(null);
        if (options.externalDatabase() == null && needsDatabase) {
            database = CompletableFuture.runAsync(() -> {
                StalePostgres.stopIfRunning(options.dataDir().resolve("postgres"));
                startPostgres();
            });
        } else if (options.externalDatabase() != null) {
            log("using the PostgreSQL of DATABASE_URL");
        }
        // the jars' extraction for class-data sharing needs neither
        CompletableFuture<ClassDataSharing> classDataSharing = CompletableFuture.supplyAsync(this::prepareSharing);
        String bootstrap = options.externalKafka();
        try {
            if (bootstrap == null) {
                startKafka();
                bootstrap = kafka.bootstrapServers();
            } else {
                log("using Kafka at " + bootstrap);
            }
        } finally {
            // whatever the broker did, PostgreSQL is up or failed before this goes on, so a stop finds it
            awaitStarted(database);
        }
        sharing = awaitStarted(classDataSharing);
        String kafkaServers = bootstrap;
        Supervised.RestartPolicy policy = Supervised.RestartPolicy.of(options.restarts());
        for (Service service : options.services()) {
            running.add(new Supervised(service, () -> ServiceProcess.start(service, options.home(),
                    sharing, options.jit(), options.dataDir().resolve("logs"), environment(service, kafkaServers),
                    options.localAddress()),
                    policy, LocalStack::log));
        }
        // a tenth of a second: a crash is seen, and a restarted service seen ready, within it (a check of a running
        // service costs nothing but the readiness request of one coming back)
        supervisor.scheduleWithFixedDelay(this::supervise, 100, 100, TimeUnit.MILLISECONDS);
        if (options.control()) {
            Control.readCommands(System.in, this, LocalStack::log);
        }
        awaitHealthy();
        Duration took = Duration.between(began, Instant.now());
        printBanner(took, bootstrap);
    }

    private ClassDataSharing prepareSharing() {
        if (!options.classDataSharing()) {
            return null;
        }
        List<Path> jars = Service.ALL.stream().map(service -> ServiceProcess.jar(options.home(), service))
                .filter(Files::isRegularFile).toList();
        return jars.isEmpty() ? null : ClassDataSharing.prepare(Path.of(System.getProperty("java.home"), "bin", "java"),
                jars, options.home().resolve("local-stack").resolve("target").resolve("cds"));
    }

    /** Not synchronized: at start-up it runs beside {@link #startPostgres()}; later only {@link #control} calls it. */
    private void startKafka() {
        long started = System.nanoTime();
        kafka = KafkaBroker.start(options.dataDir(), options.bind(), options.localAddress(), KAFKA_PORT,
                KAFKA_CONTROLLER_PORT);
        log("Kafka broker (KRaft) on " + kafka.bootstrapServers() + ", started in " + millisSince(started) + " ms");
    }

    private void startPostgres() {
        long started = System.nanoTime();
        postgres = Postgres.start(options.dataDir(), options.bind(), POSTGRES_PORT, Service.databases());
        log("PostgreSQL on " + options.bind() + ":" + postgres.port() + " with databases " + Service.databases()
                + ", started in " + millisSince(started) + " ms");
    }

    private static <T> T awaitStarted(CompletableFuture<T> part) {
        try {
            return part.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /**
     * Stops or starts the broker or PostgreSQL while the services run, for fault tests (--control): the services see
     * them go away and come back on the same address, with their data.
     */
    synchronized void control(Control.Command command) {
        switch (command) {
            case STOP_KAFKA -> {
                requireStarted(kafka, "Kafka");
                kafka.close();
                kafka = null;
                log("Kafka broker stopped");
            }
            case START_KAFKA -> {
                requireStopped(kafka, "Kafka");
                startKafka();
            }
            case STOP_POSTGRES -> {
                requireStarted(postgres, "PostgreSQL");
                postgres.close();
                postgres = null;
                log("PostgreSQL stopped");
            }
            case START_POSTGRES -> {
                requireStopped(postgres, "PostgreSQL");
                startPostgres();
            }
        }
    }

    private void requireStarted(Object part, String name) {
        if (part == null) {
            throw new IllegalStateException(name + " is not running here");
        }
    }

    private void requireStopped(Object part, String name) {
        if (part != null) {
            throw new IllegalStateException(name + " is already running");
        }
    }

    private void supervise() {
        for (Supervised service : running) {
            try {
                service.check();
            } catch (RuntimeException e) {
                // one failed check must not end the supervision of every service
                log("cannot check " + service.service().name() + ": " + e);
            }
        }
    }

    Map<String, String> environment(Service service, String bootstrap) {
        Map<String, String> env = new HashMap<>();
        env.put("SERVER_PORT", Integer.toString(service.port()));
        env.put("SERVER_ADDRESS", options.bind());
        if (service.managementPort() != service.port()) {
            // on the same address as the server (the gateway binds it to SERVER_ADDRESS too)
            env.put("MANAGEMENT_PORT", Integer.toString(service.managementPort()));
        }
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("SWITCHBOARD_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        // each instance's name is stable across restarts, so its consumers are static group members and a restarted
        // service gets its partitions back at once
        env.put("KAFKA_GROUP_INSTANCE_ID", service.name());
        if (service.isGateway()) {
            // the reply partition this gateway owns
            env.put("GATEWAY_INSTANCE", Integer.toString(service.instance()));
        }
        // examples and documents are embedded at the first start and read back at the next ones
        env.put("EMBEDDING_CACHE_DIR", options.dataDir().resolve("embeddings").toString());
        // glibc's default of 8 malloc arenas per core is resident memory a JVM (which allocates little natively) does
        // not use
        env.put("MALLOC_ARENA_MAX", "2");
        if (service.database() != null) {
            env.put("DATABASE_URL", options.externalDatabase() != null ? options.externalDatabase()
                    : Postgres.databaseUrl(options.localAddress(), POSTGRES_PORT, service.database()));
        }
        if (secrets == null) {
            secrets = Secrets.in(options.dataDir());
        }
        env.putAll(secrets.environment(service.module()));
        if (service.isGateway() && System.getenv("JWT_SECRET_KEY") != null) {
            // the caller's own key wins over this data directory's
            env.remove("JWT_SECRET_KEY");
        }
        if (service.isGateway() && System.getenv("JWT_SECRET_KEY") == null
                && System.getenv("JWT_ISSUER_URI") == null && System.getenv("SPRING_PROFILES_ACTIVE") == null) {
            // a laptop run signs the demo users in, with this data directory's key
            env.put("SPRING_PROFILES_ACTIVE", "dev");
        }
        env.putAll(service.settings());
        env.putAll(EnvironmentFile.read(EnvironmentFile.of(options.dataDir(), service)));
        return env;
    }

    private void awaitHealthy() {
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        CompletableFuture<Void> healthy = new CompletableFuture<>();
        poller.scheduleWithFixedDelay(() -> {
            Optional<Supervised> givenUp = running.stream().filter(Supervised::isGivenUp).findFirst();
            if (givenUp.isPresent()) {
                healthy.completeExceptionally(new IllegalStateException(givenUp.get().service().name()
                        + " did not start (its log is above)"));
            } else if (running.stream().allMatch(Supervised::isReady)) {
                healthy.complete(null);
            }
        }, 0, 500, TimeUnit.MILLISECONDS);
        try {
            healthy.get(options.startupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            StringBuilder detail = new StringBuilder("Not healthy within " + options.startupTimeout().toSeconds()
                    + " s:");
            running.stream().filter(s -> !s.isReady()).map(Supervised::current).forEach(p -> detail.append("\n")
                    .append(p.service().name()).append(" (").append(p.healthUrl()).append("), the end of its log:\n  ")
                    .append(String.join("\n  ", p.tail(40))));
            throw new IllegalStateException(detail.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the services");
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage());
        } finally {
            poller.shutdownNow();
        }
    }

    private void printBanner(Duration took, String bootstrap) {
        StringBuilder banner = new StringBuilder("\n");
        banner.append(String.format("Started in %.1f s; memory of all processes: %d MB PSS (%d MB RSS); "
                + "load average %.2f%n", took.toMillis() / 1000.0, Memory.proportionalMegabytes(postgresProcess()),
                Memory.residentMegabytes(postgresProcess()),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        List<Service> gateways = running.stream().map(Supervised::service).filter(Service::isGateway).toList();
        if (!gateways.isEmpty()) {
            Service first = gateways.get(0);
            String gateway = options.localAddress() + ":" + first.port();
            banner.append("  Chat API    POST http://" + gateway + "/api/v1/chat/messages\n");
            banner.append("  WebSocket   ws://" + gateway + "/api/v1/chat/ws\n");
            banner.append("  Token       POST http://" + gateway + "/api/v1/auth/token\n");
            banner.append("  API docs    http://" + gateway + "/swagger-ui.html\n");
            banner.append("  Metrics     http://" + options.localAddress() + ":" + first.managementPort()
                    + "/actuator/prometheus (GET /metrics on the public port needs an admin token)\n");
        }
        if (gateways.size() > 1) {
            banner.append("  Gateways    ").append(gateways.stream().map(g -> options.localAddress() + ":" + g.port())
                    .collect(Collectors.joining(", "))).append('\n');
        }
        for (ServiceProcess process : running.stream().map(Supervised::current).toList()) {
            banner.append(String.format("  %-21s %s (pid %d)%n", process.service().name(), process.healthUrl(),
                    process.pid()));
        }
        banner.append("  Kafka       ").append(bootstrap).append('\n');
        if (postgres != null) {
            banner.append("  PostgreSQL  jdbc:postgresql://").append(options.localAddress()).append(':')
                    .append(postgres.port())
                    .append("/<").append(String.join("|", Service.databases())).append("> (user postgres)\n");
        }
        banner.append("  Logs        ").append(options.dataDir().resolve("logs")).append('\n');
        banner.append("Press Ctrl-C to stop.\n");
        banner.append(READY);
        System.out.println(banner);
        System.out.flush();
    }

    private Optional<ProcessHandle> postgresProcess() {
        return StalePostgres.postmaster(options.dataDir().resolve("postgres"));
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Services first (they flush to Kafka and PostgreSQL), then Kafka, then PostgreSQL. */
    synchronized void stop() {
        if (stopped.getCount() == 0) {
            return;
        }
        log("stopping");
        supervisor.shutdownNow();
        running.parallelStream().forEach(p -> p.stop(SERVICE_STOP_GRACE));
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (sharing != null) {
            sharing.archiveIfMissing(LocalStack::log);
        }
        log("stopped");
        stopped.countDown();
    }

    /** Two stacks on one data directory would corrupt it: the second one refuses to start. */
    private FileLock lockDataDir() {
        try {
            Files.createDirectories(options.dataDir());
            FileChannel channel = FileChannel.open(options.dataDir().resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("Another local stack is running on " + options.dataDir());
            }
            channel.write(java.nio.ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            return lock;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot use the data directory " + options.dataDir(), e);
        }
    }

    private static void log(String message) {
        System.out.println("[local-stack] " + message);
    }
}
