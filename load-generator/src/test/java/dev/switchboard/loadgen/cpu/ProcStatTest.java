package dev.switchboard.loadgen.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void readsParentAndUserPlusSystemTicksEvenWhenTheNameHasSpacesAndParentheses() {
        // Given a stat line whose command name is "(my (odd) java)": utime 1500, stime 250
        String line = "4930 ((my (odd) java)) S 4500 4930 4500 0 -1 4194304 91034 0 12 0 1500 250 0 0 20 0 61 0 "
                + "2313 3905716224 62054 18446744073709551615 1 1 0 0 0 0 0 4096 16898 0 0 0 17 1 0 0 0 0 0";

        ProcStat stat = ProcStat.parse(line);

        assertThat(stat.pid()).isEqualTo(4930);
        assertThat(stat.parent()).isEqualTo(4500);
        assertThat(stat.cpuTicks()).isEqualTo(1750);
        assertThat(stat.cpuSeconds()).isEqualTo(17.5);
    }

    @Test
    void refusesWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcStat.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesServicesTheLauncherAndPostgresFromTheirCommandLines() {
        assertThat(StackProcess.nameOf(List.of("/usr/lib/jvm/java-17/bin/java", "-Xmx256m", "-XX:+UseSerialGC",
                "-jar", "/work/stack/gateway-service/target/gateway-service.jar"))).contains("gateway-service");
        assertThat(StackProcess.nameOf(List.of("java", "-jar", "local-stack/target/local-stack.jar",
                "--data-dir=/data"))).contains("kafka (local-stack)");
        assertThat(StackProcess.nameOf(List.of("/tmp/embedded-pg/PG-1/bin/postgres", "-D", "/data/postgres")))
                .contains("postgres");
        assertThat(StackProcess.nameOf(List.of("postgres: walwriter"))).contains("postgres");
        assertThat(StackProcess.nameOf(List.of("java", "-Dswitchboard.instance=gateway-service-2", "-cp",
                "/stack/local-stack/target/cds/lib/avro.jar:/stack/gateway-service/target/cds/gateway-service.jar",
                "dev.switchboard.gateway.GatewayApplication"))).contains("gateway-service");
        assertThat(StackProcess.nameOf(List.of("java", "-cp", "x.jar", "Main"))).isEmpty();
        assertThat(StackProcess.nameOf(List.of("bash", "-jar", "x.jar"))).isEmpty();
        assertThat(StackProcess.nameOf(List.of())).isEmpty();
    }

    @Test
    void theLaunchersDataDirectoryIsResolvedAgainstItsWorkingDirectory() {
        assertThat(StackProcess.dataDirectory(List.of("java", "-jar", "local-stack.jar", "--data-dir=/work/d"),
                Path.of("/work/main"))).isEqualTo(Path.of("/work/d"));
        assertThat(StackProcess.dataDirectory(List.of("java", "-jar", "local-stack.jar"), Path.of("/work/main")))
                .isEqualTo(Path.of("/work/main/.data"));
        assertThat(StackProcess.postgresDataDirectory(List.of("postgres", "-D", "/work/d/postgres", "-p", "1")))
                .contains(Path.of("/work/d/postgres"));
    }
}
