package dev.switchboard.system;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one local stack this module's test classes share: a start costs one to two minutes on two cores, and the CI
 * budget has room for one (plus StackIT's restart on the same data, which is also where a fresh build's first start
 * writes its class-data archives). It starts when a class first asks for it and stops after the last class, keeping
 * the service logs in {@code target/stack-logs}. The classes run in the order of their {@code @Order}
 * (junit-platform.properties), so StackIT's restart and faults come after the classes that need neither.
 */
final class SharedStack implements AutoCloseable {

    /**
     * Three gateways, each owning its reply partition, and the fault tests' control of the broker and PostgreSQL. Under
     * {@code CI=true} every service JVM also runs C1 alone ({@code --jit=quick}): a fresh build's stack on two shared
     * cores spent most of its CPU compiling (the JIT's threads 64 of ~150 ms a message at 10/s eight minutes after the
     * start, docs/benchmarks.md), and C1 alone starts it in about half the time; what these tests check is behaviour,
     * which the compiler does not change. Run on demand, the suites keep the launcher's default ({@code auto}).
     */
    static final String[] OPTIONS = {"--gateways=3", "--control=stdin", "--jit=" + (underCi() ? "quick" : "auto")};

    /** Whether the suites run as CI runs them ({@code CI} set): shorter versions, and the stack on C1 alone. */
    static boolean underCi() {
        return System.getenv("CI") != null;
    }

    /** Marks a test class that uses the shared stack; its methods may take a {@link SharedStack} parameter. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Resolver.class)
    @interface OnTheSharedStack {
    }

    /** Where the stack's gateways find Redis, when Debian's redis-server is installed (.ci/run installs it). */
    static final int REDIS_PORT = 16379;
    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    private final Path dataDir;
    /** Where every service exports its spans (TraceIT reads them). */
    private final OtlpReceiver traces;
    private RunningStack running;
    private boolean firstStartAfterBuild;
    /** Whether the running stack is the first start, which exports traces and logs JSON (TraceIT's). */
    private boolean traced;
    private Process redis;
    /** Why the first start failed: the classes after the first to ask fail at once instead of trying again. */
    private RuntimeException startFailure;

    private SharedStack(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.traces = new OtlpReceiver();
    }

    /**
     * The running stack, started on the first call. With Redis installed, its gateways share their rate limits and
     * their record of submissions through it, as several replicas must in production (docs/architecture.md).
     */
    synchronized RunningStack stack() {
        if (startFailure != null) {
            throw new IllegalStateException("the shared stack did not start for an earlier test class", startFailure);
        }
        if (running == null) {
            long started = System.nanoTime();
            startRedis();
            int seeded = seedEmbeddings();
            firstStartAfterBuild = classDataArchivesMissing();
            try {
                running = RunningStack.start(dataDir, environment(true), OPTIONS);
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            traced = true;
            System.out.printf("shared stack started in %d ms, %d files of embeddings and heads from the build's cache"
                    + "%s%n", (System.nanoTime() - started) / 1_000_000, seeded, firstStartAfterBuild
                    ? " (the first start after a build: its class-data archives are written when it stops)" : "");
        }
        return running;
    }

    /**
     * Copies the embeddings and trained heads the modules' tests computed in this build (the root pom's
     * {@code switchboard.build-cache}) to where the services keep theirs: each file is named by the checksum of what
     * it was computed from, so a service reads the ones it would compute (the same texts, the bundled knowledge base)
     * instead of spending minutes of a start on two shared cores computing them again. What a user's first start
     * costs is measured by the launcher's own start, not here (docs/benchmarks.md).
     */
    private int seedEmbeddings() {
        String cache = System.getProperty("switchboard.build-cache");
        if (cache == null || !Files.isDirectory(Path.of(cache))) {
            return 0;
        }
        try (Stream<Path> files = Files.list(Path.of(cache))) {
            Path embeddings = Files.createDirectories(dataDir.resolve("embeddings"));
            List<Path> vectors = files.filter(file -> file.getFileName().toString().endsWith(".vectors")).toList();
            for (Path file : vectors) {
                Files.copy(file, embeddings.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return vectors.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The running stack as every start after a build's first is: its services map the class-data archives the first
     * start writes when it stops (README). A service killed before that stop comes back without one (intent-service
     * ready 29 s after its kill under CI's load instead of ~12 s, docs/faults.md), so the fault tests need this: on a
     * first start it stops and starts again. StackIT gets it from its own stop-and-start test, ordered before its
     * faults, which saves CI a second restart.
     */
    synchronized RunningStack trainedStack() {
        stack();
        if (firstStartAfterBuild) {
            running.close();
            startAgain();
        }
        return running;
    }

    /** Starts the stack again on the same data, once the caller has stopped it. */
    synchronized RunningStack startAgain() {
        running = RunningStack.start(dataDir, environment(false), OPTIONS);
        firstStartAfterBuild = false;
        traced = false;
        return running;
    }

    /** Whether the running stack is still the first start after a build, whose services write archives at exit. */
    synchronized boolean firstStartAfterBuild() {
        return firstStartAfterBuild;
    }

    /**
     * Whether there is no class-data archive of the libraries the services share yet: some jar they all bundle was
     * built since the last start stopped (local-stack's ClassDataSharing).
     */
    static boolean classDataArchivesMissing() {
        return !Files.exists(RunningStack.home().resolve("local-stack/target/cds/classes.jsa"));
    }

    /** The running stack while it exports traces: its first start, before StackIT stops and starts it again. */
    synchronized RunningStack tracedStack() {
        stack();
        if (!traced) {
            throw new IllegalStateException("the stack exports traces only until its first restart: run TraceIT "
                    + "before StackIT");
        }
        return running;
    }

    /** The spans the services have exported so far. */
    List<OtlpReceiver.ReceivedSpan> spans() {
        return traces.spans();
    }

    /** Whether the gateways share Redis (else each remembers only its own customers' submissions). */
    boolean withRedis() {
        return redis != null;
    }

    /**
     * With {@code traced} (the first start), every service exports its spans to this stack's in-memory collector and
     * logs JSON, as deployed (TraceIT checks both), spans leaving in batches a second apart so that the trace test need
     * not wait long. A start after that runs on the local stack's defaults, as a user starts it, so that the crowd,
     * load and fault tests after StackIT's restart measure the stack without the export's work. (A crowd message over
     * the reply timeout in CI was first put down to the export; the next run, without it, showed a cold
     * account-service: docs/faults.md.)
     * With Redis, its URL, and a second for each of its calls instead of production's 200 ms: here Redis shares two
     * cores with the whole stack and the test's load, and a call that times out falls back to the replica's own
     * buckets and memory (by design), which the edge test's exact count and the cross-gateway retry test would then
     * see (269 requests let through where one bucket allows about 240, measured at load average 9).
     */
    private Map<String, String> environment(boolean traced) {
        Map<String, String> environment = new HashMap<>();
        if (traced) {
            environment.putAll(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint(),
                    "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "1s", "LOG_FORMAT", "json"));
        }
        if (redis != null) {
            environment.putAll(Map.of("REDIS_URL", "redis://127.0.0.1:" + REDIS_PORT, "RATE_LIMIT_STORE_TIMEOUT", "1s",
                    "SUBMISSION_STORE_TIMEOUT", "1s"));
        }
        return environment;
    }

    private void startRedis() {
        if (!Files.isExecutable(REDIS_SERVER)) {
            System.out.println("no " + REDIS_SERVER + ": the gateways run without Redis");
            return;
        }
        try {
            redis = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(REDIS_PORT), "--bind",
                    "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
            try (Socket socket = new Socket("127.0.0.1", REDIS_PORT)) {
                return true;
            }
        });
    }

    Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() throws IOException, InterruptedException {
        try {
            if (running != null) {
                running.closeKeepingLogs(Path.of("target", "stack-logs"));
            }
        } finally {
            if (redis != null) {
                redis.destroy();
                redis.waitFor(30, TimeUnit.SECONDS);
            }
            traces.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Keeps the one instance in the root store, which closes it when the last test class is done. */
    static final class Resolver implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedStack.class, key -> {
                try {
                    return new SharedStack(Files.createTempDirectory("switchboard-stack"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, SharedStack.class);
        }
    }
}
