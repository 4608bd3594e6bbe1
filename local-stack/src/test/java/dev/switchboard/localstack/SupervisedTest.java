package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack keeps its services running as Kubernetes would: restart with back-off, then give up. */
class SupervisedTest {

    @TempDir
    Path logs;

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void aServiceThatKeepsCrashingIsRestartedWithBackoffThenGivenUpOnWithTheEndOfItsLog() {
        // Given a service that exits with code 3 right after it starts, and at most 2 restarts in a row
        Service service = new Service("crashing-service", 1, null, Heap.upTo("64m"), false);
        Supervised.RestartPolicy policy = new Supervised.RestartPolicy(2, Duration.ofMillis(300),
                Duration.ofSeconds(5), Duration.ofSeconds(60));

        // When it is supervised
        Supervised supervised = supervise(service, "echo 'cannot bind the port'; exit 3", policy);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            supervised.check();
            return supervised.isGivenUp();
        });

        // Then it was restarted at once, then after the back-off, then given up on with the end of its log
        assertThat(starts).hasValue(3);
        assertThat(logged).hasSize(5);
        assertThat(logged.get(0)).contains("crashing-service (pid").contains("exited with code 3")
                .contains("restarting it now (restart 1 of at most 2 in a row)");
        assertThat(logged.get(1)).startsWith("crashing-service restarted (pid");
        assertThat(logged.get(2)).contains("exited with code 3").contains("restarting it in 0.3 s (restart 2 of");
        assertThat(logged.get(4)).contains("exited with code 3")
                .contains("giving up on it after 2 restarts in a row. The end of its log:")
                .contains("cannot bind the port");
        assertThat(supervised.isReady()).isFalse();
    }

    @Test
    void aKilledServiceIsRestartedAtOnceAndReportedReadyAgain() throws Exception {
        // Given a running service whose readiness is UP
        HttpServer readiness = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        readiness.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        readiness.start();
        try {
            // (its readiness on a management port of its own, as the gateway's: nothing listens on its port 1)
            Service service = new Service("steady-service", 1, readiness.getAddress().getPort(), null, Heap.upTo("64m"), false,
                    Map.of());
            Supervised supervised = supervise(service, "sleep 600", Supervised.RestartPolicy.of(5));
            await().atMost(Duration.ofSeconds(10)).until(supervised::isReady);
            long firstPid = supervised.current().pid();

            // When its process is killed with SIGKILL
            ProcessHandle.of(firstPid).orElseThrow().destroyForcibly();
            await().atMost(Duration.ofSeconds(10)).until(() -> !supervised.current().isAlive());

            // Then the first check after its exit restarts it, not a check later
            supervised.check();
            assertThat(starts).hasValue(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                supervised.check();
                return logged.stream().anyMatch(line -> line.contains("is ready again"));
            });

            // And it was restarted once, with a new process, and its return to ready was logged
            assertThat(starts).hasValue(2);
            assertThat(logged.get(0)).contains("exited with code 137").contains("restarting it now");
            assertThat(logged.get(1)).startsWith("steady-service restarted (pid");
            assertThat(logged.get(2)).startsWith("steady-service is ready again (pid " + supervised.current().pid());
            assertThat(supervised.current().pid()).isNotEqualTo(firstPid);
            assertThat(supervised.isReady()).isTrue();
            supervised.stop(Duration.ofSeconds(5));
            assertThat(supervised.current().isAlive()).isFalse();
        } finally {
            readiness.stop(0);
        }
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        Supervised.RestartPolicy policy = Supervised.RestartPolicy.of(10);

        assertThat(List.of(1, 2, 3, 4, 7, 30).stream().map(policy::backoff).map(Duration::toSeconds))
                .containsExactly(0L, 1L, 2L, 4L, 30L, 30L);
    }

    private Supervised supervise(Service service, String script, Supervised.RestartPolicy policy) {
        return new Supervised(service, () -> {
            starts.incrementAndGet();
            return ServiceProcess.start(service, List.of("sh", "-c", script), logs, Map.of(), "127.0.0.1");
        }, policy, logged::add);
    }
}
