package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    private final Path cwd = Path.of("/repo");

    @TempDir
    Path data;

    @Test
    void byDefaultEverythingStartsWithStateUnderDotData() {
        Options options = Options.parse(new String[0], Map.of(), cwd);

        assertThat(options.home()).isEqualTo(cwd);
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.data"));
        assertThat(options.services()).isEqualTo(Service.ALL);
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(600));
        assertThat(options.externalKafka()).isNull();
        assertThat(options.externalDatabase()).isNull();
        assertThat(options.bind()).isEqualTo("127.0.0.1");
        assertThat(options.restarts()).isEqualTo(5);
        assertThat(options.classDataSharing()).isTrue();
    }

    @Test
    void argumentsAndEnvironmentChooseWhatAndWhere() {
        Options options = Options.parse(new String[] {"--data-dir=/var/sb", "--services=gateway-service,chat-service",
                "--startup-timeout=90", "--restarts=0"}, Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "DATABASE_URL",
                        "postgresql://db/x"), cwd);

        assertThat(options.dataDir()).isEqualTo(Path.of("/var/sb"));
        assertThat(options.services()).extracting(Service::module).containsExactly("gateway-service", "chat-service");
        assertThat(options.startupTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.restarts()).isZero();
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
        assertThatThrownBy(() -> Options.parse(new String[] {"--restarts=-1"}, Map.of(), cwd))
                .hasMessageContaining("--restarts must be 0 or more");
    }

    @Test
    void eachServiceRunsItsOwnJarWithABoundedHeap() {
        Service intent = Service.ALL.stream().filter(s -> s.module().equals("intent-service")).findFirst().orElseThrow();

        List<String> command = ServiceProcess.command(Path.of("/jdk/bin/java"),
                ServiceProcess.jar(cwd, intent), intent, null, Jit.FULL);

        assertThat(command).containsSubsequence("/jdk/bin/java", "-Xmx768m", "-Xms320m", "-Xmn48m",
                "-Dswitchboard.instance=intent-service", "-jar",
                "/repo/intent-service/target/intent-service.jar");
        assertThat(Service.databases()).containsExactly("chat", "knowledge", "analytics", "feedback", "account");
    }

    @Test
    void byDefaultOnlyTheServicesACustomerWaitsForCompileWithC2() {
        // Given the default options, and the two others
        Options defaults = Options.parse(new String[0], Map.of(), cwd);
        Options quick = Options.parse(new String[] {"--jit=quick"}, Map.of(), cwd);
        Options full = Options.parse(new String[] {"--jit=full"}, Map.of(), cwd);

        // When each service's command is built, Then C1 alone runs where no customer waits, unless asked otherwise
        assertThat(defaults.jit()).isEqualTo(Jit.AUTO);
        for (Service service : Service.ALL) {
            boolean waitedFor = List.of("gateway-service", "intent-service", "knowledge-service")
                    .contains(service.module());
            assertThat(commandOf(service, defaults).contains("-XX:TieredStopAtLevel=1")).as(service.module())
                    .isEqualTo(!waitedFor);
            assertThat(commandOf(service, quick)).as(service.module()).contains("-XX:TieredStopAtLevel=1");
            assertThat(commandOf(service, full)).as(service.module()).doesNotContain("-XX:TieredStopAtLevel=1");
        }
        assertThat(Options.USAGE).contains("--jit");
        assertThatThrownBy(() -> Options.parse(new String[] {"--jit=c2"}, Map.of(), cwd))
                .hasMessageContaining("--jit must be auto, quick or full, got 'c2'");
    }

    /** Without class-data sharing, which would extract the jar. */
    private List<String> commandOf(Service service, Options options) {
        return ServiceProcess.command(Path.of("/jdk/bin/java"), ServiceProcess.jar(cwd, service), service, null,
                options.jit());
    }

    @Test
    void byDefaultEveryServiceKafkaAndPostgresListenOnTheLoopbackAddressOnly() {
        // Given the default options (state in a temporary directory)
        Options options = Options.parse(new String[] {"--data-dir=" + data}, Map.of(), cwd);

        // When a service, Kafka and PostgreSQL are configured, Then each listens on 127.0.0.1 only
        assertEverythingListensOn(options, "127.0.0.1");
    }

    @Test
    void bindListensElsewhereWhenAsked() {
        // Given --bind=0.0.0.0, or the same in the environment
        Options options = Options.parse(new String[] {"--bind=0.0.0.0", "--data-dir=" + data}, Map.of(), cwd);
        assertThat(Options.parse(new String[0], Map.of("SWITCHBOARD_BIND_ADDRESS", "0.0.0.0"), cwd).bind())
                .isEqualTo("0.0.0.0");

        // When a service, Kafka and PostgreSQL are configured, Then they listen on every interface
        assertEverythingListensOn(options, "0.0.0.0");
        assertThat(Options.USAGE).contains("--bind");
        assertThatThrownBy(() -> Options.parse(new String[] {"--bind="}, Map.of(), cwd))
                .hasMessageContaining("--bind must be an address");
    }

    @Test
    void helpDocumentsHowServicesAreSupervised() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--help"}, Map.of(), cwd))
                .isInstanceOf(Options.UsageException.class);
        assertThat(Options.USAGE).contains("--restarts", "started again, at once the first time",
                "gives up on it and prints the end of", "DATA-DIR/config/<service>.env", "/actuator/health/readiness");
    }

    @Test
    void aServiceFileOfSettingsIsAddedToItsEnvironmentAtEachStart(@TempDir Path data) throws Exception {
        // Given settings for llm-fallback-service in its file under the data directory
        Options options = Options.parse(new String[] {"--data-dir=" + data}, Map.of(), cwd);
        Service llm = Service.ALL.stream().filter(s -> s.module().equals("llm-fallback-service")).findFirst()
                .orElseThrow();
        Files.createDirectories(data.resolve("config"));
        Files.writeString(data.resolve("config/llm-fallback-service.env"), "# a model\nOPENAI_API_KEY = k\n\nLLM_TIMEOUT=5s\n");

        // When its environment is made, Then the file's settings are in it, and only in its own
        assertThat(new LocalStack(options).environment(llm, "127.0.0.1:9092")).containsEntry("OPENAI_API_KEY", "k")
                .containsEntry("LLM_TIMEOUT", "5s").containsEntry("SERVER_PORT", "8084");
        assertThat(new LocalStack(options).environment(Service.ALL.get(0), "127.0.0.1:9092"))
                .doesNotContainKey("OPENAI_API_KEY");
        Files.writeString(data.resolve("config/llm-fallback-service.env"), "no equals sign\n");
        assertThatThrownBy(() -> new LocalStack(options).environment(llm, "127.0.0.1:9092"))
                .hasMessageContaining("line 1 is not NAME=value");
    }

    @Test
    void threeGatewaysRunOnTheirOwnPortsEachOwningItsReplyPartition(@TempDir Path data) {
        // Given --gateways=3
        Options options = Options.parse(new String[] {"--gateways=3", "--data-dir=" + data}, Map.of(), cwd);

        // When the services are listed, Then the gateway is three instances on ports a hundred apart, the rest one each
        List<Service> gateways = options.services().stream().filter(s -> s.module().equals(Service.GATEWAY)).toList();
        assertThat(gateways).extracting(Service::name)
                .containsExactly("gateway-service", "gateway-service-1", "gateway-service-2");
        assertThat(gateways).extracting(Service::port).containsExactly(8080, 8180, 8280);
        assertThat(gateways).extracting(Service::managementPort).containsExactly(8090, 8190, 8290);
        assertThat(options.services()).hasSize(Service.ALL.size() + 2);

        // and each instance has its reply partition, its own static group member name and its own log
        Map<String, String> third = new LocalStack(options).environment(gateways.get(2), "127.0.0.1:9092");
        assertThat(third).containsEntry("GATEWAY_INSTANCE", "2").containsEntry("KAFKA_GROUP_INSTANCE_ID",
                "gateway-service-2").containsEntry("SERVER_PORT", "8280").containsEntry("MANAGEMENT_PORT", "8290");
        assertThat(new LocalStack(options).environment(gateways.get(0), "127.0.0.1:9092"))
                .containsEntry("GATEWAY_INSTANCE", "0");
        assertThat(Options.parse(new String[0], Map.of(), cwd).gateways()).isEqualTo(1);
        assertThat(Options.USAGE).contains("--gateways");
    }

    @Test
    void faultTestCommandsAreReadOnlyWhenAsked() {
        assertThat(Options.parse(new String[0], Map.of(), cwd).control()).isFalse();
        assertThat(Options.parse(new String[] {"--control=stdin"}, Map.of(), cwd).control()).isTrue();
        assertThatThrownBy(() -> Options.parse(new String[] {"--control=http"}, Map.of(), cwd))
                .hasMessageContaining("--control must be stdin or off, got 'http'");
        assertThat(Control.Command.parse(" stop kafka ")).contains(Control.Command.STOP_KAFKA);
        assertThat(Control.Command.parse("start postgres")).contains(Control.Command.START_POSTGRES);
        assertThat(Control.Command.parse("restart everything")).isEmpty();
    }

    @Test
    void moreGatewaysThanReplyPartitionsAreRefused() {
        assertThatThrownBy(() -> Options.parse(new String[] {"--gateways=9"}, Map.of(), cwd))
                .hasMessageContaining("--gateways must be 1 to 8, got 9");
        assertThatThrownBy(() -> Options.parse(new String[] {"--gateways=0"}, Map.of(), cwd))
                .hasMessageContaining("--gateways must be 1 to 8, got 0");
        assertThatThrownBy(() -> Options.parse(new String[] {"--gateways=three"}, Map.of(), cwd))
                .hasMessageContaining("--gateways must be a whole number");
    }

    @Test
    void accountServiceGetsItsDatabaseAndTheSeedResetOnlyHere() {
        // Given the default options with an external database (so none is started)
        Options options = Options.parse(new String[] {"--data-dir=" + data}, Map.of("DATABASE_URL",
                "postgresql://db/x"), cwd);
        Service account = Service.ALL.stream().filter(s -> s.module().equals("account-service")).findFirst()
                .orElseThrow();

        // When its environment is made, Then it has its port, its database and the development-only reset switch,
        // which no other service gets
        assertThat(new LocalStack(options).environment(account, "127.0.0.1:9092")).containsEntry("SERVER_PORT", "8087")
                .containsEntry("DATABASE_URL", "postgresql://db/x").containsEntry("ACCOUNT_RESET_ENABLED", "true");
        assertThat(account.database()).isEqualTo("account");
        assertThat(Service.ALL).filteredOn(s -> !s.module().equals("account-service"))
                .allSatisfy(s -> assertThat(s.settings()).isEmpty());
    }

    private void assertEverythingListensOn(Options options, String address) {
        Map<String, String> gateway = new LocalStack(options).environment(Service.ALL.get(0), "127.0.0.1:9092");
        Properties kafka = KafkaBroker.config(cwd, options.bind(), options.localAddress(), 9092, 9093);

        // (the gateway's management port too: it binds it to SERVER_ADDRESS; intent-service has none)
        assertThat(gateway).containsEntry("SERVER_ADDRESS", address).containsEntry("MANAGEMENT_PORT", "8090");
        assertThat(new LocalStack(options).environment(Service.ALL.get(2), "127.0.0.1:9092"))
                .doesNotContainKey("MANAGEMENT_PORT");
        // only the broker talks to its controller, and this machine reaches the broker on the loopback address
        assertThat(kafka).containsEntry("listeners", "PLAINTEXT://" + address + ":9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092");
        assertThat(Postgres.serverConfig(options.bind())).containsEntry("listen_addresses", address);
    }
}
