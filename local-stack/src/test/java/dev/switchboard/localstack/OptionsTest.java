package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    private final Path cwd = Path.of("/repo");

    @Test
    void byDefaultEverythingStartsWithStateUnderDotData() {
        Options options = Options.parse(new String[0], Map.of(), cwd);

        assertThat(options.home()).isEqualTo(cwd);
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(options.services()).isEqualTo(Service.ALL);
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(240));
        assertThat(options.externalKafka()).isNull();
        assertThat(options.externalDatabase()).isNull();
    }

    @Test
    void argumentsAndEnvironmentChooseWhatAndWhere() {
        Options options = Options.parse(new String[] {"--data-dir=/var/sb", "--services=gateway-service,chat-service",
                "--startup-timeout=90"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "DATABASE_URL",
                        "postgresql://db/x"), cwd);

        assertThat(options.dataDir()).isEqualTo(Path.of("/var/sb"));
        assertThat(options.services()).extracting(Service::module).containsExactly("gateway-service", "chat-service");
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.externalKafka()).isEqualTo("kafka:9092");
        assertThat(options.externalDatabase()).isEqualTo("postgresql://db/x");
        assertThat(Options.parse(new String[] {"--services=none"}, Map.of(), cwd).services()).isEmpty();
    }

    @Test
    void mistakesAreExplained() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--services=mail-service"}, Map.of(), cwd))
                .hasMessageContaining("unknown service 'mail-service'");
        assertThatThrownBy(() -> Options.parse(new String[] {"--port=1"}, Map.of(), cwd))
                .hasMessageContaining("unknown option --port");
        assertThatThrownBy(() -> Options.parse(new String[] {"--startup-timeout=soon"}, Map.of(), cwd))
                .hasMessageContaining("number of seconds");
    }

    @Test
    void eachServiceRunsItsOwnJarWithABoundedHeap() {
        Service intent = Service.ALL.stream().filter(s -> s.module().equals("intent-service")).findFirst().orElseThrow();

        List<String> command = ServiceProcess.command(Path.of("/jdk/bin/java"),
                ServiceProcess.jar(cwd, intent), intent);

        assertThat(command).containsSubsequence("/jdk/bin/java", "-Xmx768m", "-jar",
                "/repo/intent-service/target/intent-service.jar");
        assertThat(Service.databases()).containsExactly("chat", "analytics", "feedback");
    }
}
