package dev.switchboard.loadgen.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackTest {

    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";
    private static final String PG = "/tmp/embedded-pg/PG-1/bin/postgres";

    @TempDir
    Path root;

    private FakeProc machine;

    @BeforeEach
    void twoStacksOnOneMachine() {
        // Given our stack: a launcher in /work/main with its gateway on 8080, a service, and its PostgreSQL
        // (detached from the launcher, as pg_ctl leaves it) with a backend
        machine = new FakeProc(root)
                .process(100, 1, 0, "java", "-jar", "local-stack/target/local-stack.jar")
                .workingDirectory(100, "/work/main")
                .process(101, 100, 0, JAVA, "-Xmx256m", "-jar", "/work/main/gateway-service/target/gateway-service.jar")
                .listening(101, 8080, 5001)
                // (run as the local stack's class-data sharing does: the shared libraries, then its extracted jar)
                .process(102, 100, 0, JAVA, "-Dswitchboard.instance=chat-service", "-cp",
                        "/work/main/local-stack/target/cds/lib/avro-1.12.2.jar:"
                        + "/work/main/chat-service/target/cds/chat-service.jar", "dev.switchboard.chat.ChatApplication")
                .process(200, 1, 0, PG, "-D", "/work/main/.data/postgres", "-p", "15432")
                .process(201, 200, 0, "postgres: postgres chat 127.0.0.1(4242) idle")
                // And another branch's test stack with its gateway on 18080 and its own PostgreSQL
                .process(300, 1, 0, "java", "-jar", "local-stack/target/local-stack.jar", "--data-dir=/tmp/other")
                .workingDirectory(300, "/work/wt-rules")
                .process(301, 300, 0, JAVA, "-jar", "/work/wt-rules/gateway-service/target/gateway-service.jar")
                .listening(301, 18080, 5002)
                .process(400, 1, 0, PG, "-D", "/tmp/other/postgres")
                // And an unrelated process
                .process(500, 1, 0, "/usr/bin/bash");
    }

    @Test
    void takesOnlyTheStackWhoseGatewayListensOnThePort() {
        Stack stack = Stack.locate(machine.proc(), machine.proc().listeningOn(8080));

        assertThat(stack.gatewayPid()).hasValue(101);
        assertThat(stack.processes()).isEqualTo(Map.of(100L, "kafka (local-stack)", 101L, "gateway-service",
                102L, "chat-service", 200L, "postgres", 201L, "postgres"));
        assertThat(stack.scope()).contains("local-stack pid 100");
    }

    @Test
    void withoutALauncherBehindThePortEveryStackProcessCounts() {
        Stack stack = Stack.locate(machine.proc(), machine.proc().listeningOn(9999));

        assertThat(stack.gatewayPid()).isEmpty();
        assertThat(stack.processes()).containsKeys(100L, 101L, 102L, 200L, 201L, 300L, 301L, 400L)
                .doesNotContainKey(500L);
    }

    @Test
    void cpuIsChargedPerServiceAndPerMessageOverTheWindow() {
        // Given the CPU so far of the gateway, PostgreSQL and this process
        long self = ProcessHandle.current().pid();
        machine.ticks(101, 100, 1_000).ticks(200, 1, 300).ticks(201, 200, 10).process(self, 1, 40, JAVA, "x");
        CpuMeter meter = new CpuMeter(machine.proc(), 8080);
        meter.start();

        // When the gateway spends 0.5 s, PostgreSQL 0.2 s over two processes, a new backend 0.1 s and this 0.3 s
        machine.ticks(101, 100, 1_050).ticks(200, 1, 310).ticks(201, 200, 20).ticks(self, 1, 70)
                .process(202, 200, 10, "postgres: postgres chat 127.0.0.1(4343) idle");
        meter.stop();
        CpuReport report = meter.report(100);

        // Then each is charged its own CPU, per message too, and the generator apart from the stack
        assertThat(report.byProcess().get("gateway-service")).isEqualTo(new CpuReport.ProcessCpu(1, 0.5, 5.0));
        assertThat(report.byProcess().get("postgres").processes()).isEqualTo(3);
        assertThat(report.byProcess().get("postgres").cpuSeconds()).isCloseTo(0.3, within());
        assertThat(report.byProcess().get("chat-service").cpuSeconds()).isZero();
        assertThat(report.byProcess()).doesNotContainKey("load-generator");
        assertThat(report.generator().cpuSeconds()).isCloseTo(0.3, within());
        assertThat(report.loadAverageStart()).isEqualTo(1.5);
        assertThat(report.messages()).isEqualTo(100);
    }

    @Test
    void readsMemoryAndLoadAverage() {
        machine.memory(101, 400_000, 350_000);

        assertThat(machine.proc().residentKilobytes(101)).isEqualTo(400_000);
        assertThat(machine.proc().proportionalKilobytes(101)).isEqualTo(350_000);
        assertThat(machine.proc().residentKilobytes(999)).isZero();
        assertThat(machine.proc().loadAverage()).isEqualTo(1.5);
    }

    private static Offset<Double> within() {
        return Offset.offset(1e-9);
    }
}
