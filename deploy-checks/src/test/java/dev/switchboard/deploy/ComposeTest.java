package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml and the Dockerfile, checked statically: there is no Docker engine on the build machines. */
class ComposeTest {

    static final Path HOME = Repository.home();
    static final List<String> INFRASTRUCTURE = List.of("kafka", "postgres", "prometheus", "grafana", "jaeger");
    // Jaeger's image has no shell tool to probe with; nothing waits for it to be healthy (traces are best effort)
    static final List<String> WITHOUT_HEALTHCHECK = List.of("jaeger");
    private static final Pattern DEFAULT_PORT = Pattern.compile("port: \\$\\{SERVER_PORT:(\\d+)}");
    private static final Pattern MANAGEMENT_PORT = Pattern.compile("port: \\$\\{MANAGEMENT_PORT:(\\d+)}");

    /** The deployed services of the system: the Maven modules named *-service, in the root pom's order. */
    static List<String> serviceModules() {
        List<String> modules = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([a-z-]+-service)</module>").matcher(read(HOME.resolve("pom.xml")));
        while (module.find()) {
            modules.add(module.group(1));
        }
        return modules;
    }

    @Test
    void everyServiceIsBuiltFromTheSharedDockerfileForItsModule() {
        Map<String, Map<String, Object>> services = services();
        String dockerfile = read(HOME.resolve("Dockerfile"));

        assertThat(serviceModules()).hasSize(8);
        for (String module : serviceModules()) {
            assertThat(services).as("compose services").containsKey(module);
            Map<String, Object> build = map(services.get(module), "build");
            assertThat(build).as(module).containsEntry("context", ".").containsEntry("dockerfile", "Dockerfile")
                    .containsEntry("target", "runtime");
            assertThat(map(build, "args")).as(module).containsEntry("SERVICE", module);
            assertThat(HOME.resolve(module).resolve("pom.xml")).as(module + " is a Maven module").exists();
        }
        // the build argument selects the module; the runtime stage runs as non-root from jarmode-extracted layers
        assertThat(dockerfile).contains("ARG SERVICE").containsPattern("(?m)^FROM \\S+ AS runtime$")
                .contains("-pl \"${SERVICE}\"").contains("-Djarmode=tools").contains("extract --layers --launcher")
                .containsPattern("(?m)^USER 10001(:10001)?$");
        assertThat(Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfile).results().map(m -> m.group(1)))
                .allMatch(image -> image.startsWith("${") || image.matches("[^:]+:[^:]+"));
        assertThat(Pattern.compile("(?m)^ARG (JDK|JRE)_IMAGE=(\\S+)$").matcher(dockerfile).results()
                .map(m -> m.group(2))).hasSize(2).allMatch(image -> image.matches("[^:]+:\\d[^:]*"));
    }

    @Test
    void everyContainerHasAHealthcheckAMemoryLimitAndAPinnedImage() {
        Map<String, Map<String, Object>> services = services();

        assertThat(services).containsKeys(INFRASTRUCTURE.toArray(String[]::new));
        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = entry.getValue();
            if (!WITHOUT_HEALTHCHECK.contains(name)) {
                assertThat(map(service, "healthcheck")).as(name).containsKey("test");
            }
            assertThat(map(map(map(service, "deploy"), "resources"), "limits")).as(name).containsKey("memory");
            String image = (String) service.get("image");
            assertThat(image).as(name + " image").isNotNull().doesNotEndWith(":latest").contains(":");
        }
    }

    @Test
    void startupIsOrderedByHealthNotByStartingOrder() {
        Map<String, Map<String, Object>> services = services();

        for (Map.Entry<String, Map<String, Object>> entry : services.entrySet()) {
            Object dependsOn = entry.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> dependencies = (Map<String, Map<String, Object>>) dependsOn;
            dependencies.forEach((dependency, condition) -> assertThat(condition.get("condition"))
                    .as(entry.getKey() + " -> " + dependency)
                    .isEqualTo(WITHOUT_HEALTHCHECK.contains(dependency) ? "service_started" : "service_healthy"));
        }
        for (String module : serviceModules()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> dependsOn = (Map<String, Object>) services.get(module).get("depends_on");
            assertThat(dependsOn).as(module).containsKey("kafka");
            assertThat(dependsOn.containsKey("postgres")).as(module + " waits for PostgreSQL")
                    .isEqualTo(ownsDatabase(module));
        }
    }

    @Test
    void theEnvironmentIsWiredAsTheArchitectureSays() {
        Map<String, Map<String, Object>> services = services();

        for (String module : serviceModules()) {
            Map<String, Object> env = map(services.get(module), "environment");
            assertThat(env).as(module).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                    .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318").containsKey("LOG_FORMAT");
            assertThat(String.valueOf(env.get("SERVER_PORT"))).as(module + " port").isEqualTo(defaultPort(module));
            assertThat(env.containsKey("DATABASE_URL")).as(module + " DATABASE_URL").isEqualTo(ownsDatabase(module));
            if (ownsDatabase(module)) {
                assertThat((String) env.get("DATABASE_URL")).startsWith("postgresql://").contains("@postgres:5432/");
            }
        }
        Map<String, Object> gateway = map(services.get("gateway-service"), "environment");
        for (String module : serviceModules()) {
            if (!module.equals("gateway-service")) {
                assertThat(gateway).containsEntry(module.toUpperCase().replace('-', '_') + "_URL",
                        "http://" + module + ":" + defaultPort(module));
            }
        }
        assertThat(read(HOME.resolve("compose/postgres-init.sql"))).contains("CREATE DATABASE chat;",
                "CREATE DATABASE analytics;", "CREATE DATABASE feedback;", "CREATE DATABASE knowledge;",
                "CREATE DATABASE account;");
    }

    @Test
    void noSecretHasADefaultAndTheDemoUsersAndAnonymousGrafanaAreOff() {
        // Given the compose file as text (its ${VAR:?message} placeholders are what compose checks)
        String compose = read(HOME.resolve("docker-compose.yml"));
        Map<String, Map<String, Object>> services = services();

        // Then every secret is required, with a message that says how to make it, and none has a default
        for (String secret : List.of("JWT_SECRET_KEY", "POSTGRES_PASSWORD", "GRAFANA_ADMIN_PASSWORD",
                "INTERNAL_AUTH_GATEWAY_PRIVATE_KEY", "INTERNAL_AUTH_GATEWAY_PUBLIC_KEY",
                "INTERNAL_AUTH_LLM_FALLBACK_PRIVATE_KEY", "INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY",
                "INTERNAL_AUTH_INTENT_PRIVATE_KEY", "INTERNAL_AUTH_INTENT_PUBLIC_KEY")) {
            assertThat(compose).as(secret).contains("${" + secret + ":?run compose/make-env.sh")
                    .doesNotContain("${" + secret + ":-").doesNotContain("${" + secret + "}");
            assertThat(read(HOME.resolve("compose/make-env.sh"))).as(secret).contains(secret + "=");
        }
        // And each service verifies with the public keys; only the signers get a private key
        for (String module : serviceModules()) {
            Map<String, Object> env = map(services.get(module), "environment");
            assertThat(env).as(module).containsKeys("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY",
                    "INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY", "INTERNAL_AUTH_INTENT_PUBLIC_KEY");
            assertThat(env.containsKey("INTERNAL_AUTH_PRIVATE_KEY")).as(module).isEqualTo(module.equals(
                    "gateway-service") || module.equals("llm-fallback-service") || module.equals("intent-service"));
        }
        // And each service is told where the services it calls are on the compose network (the default is localhost)
        for (String module : serviceModules()) {
            Map<String, Object> env = map(services.get(module), "environment");
            for (String variable : CalledServices.urlVariables(HOME, module)) {
                assertThat(env.get(variable)).as(module + " " + variable).asString()
                        .startsWith("http://" + CalledServices.serviceOf(variable) + ":");
            }
        }
        // And the gateway runs without the dev profile (no demo users) unless asked
        Map<String, Object> gateway = map(services.get("gateway-service"), "environment");
        assertThat(gateway).containsEntry("SPRING_PROFILES_ACTIVE", "${GATEWAY_PROFILES:-}")
                .containsEntry("DEMO_USERS_ENABLED", "${DEMO_USERS_ENABLED:-false}");
        assertThat(map(services.get("grafana"), "environment")).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false");
    }

    @Test
    void prometheusScrapesEveryService() {
        Map<String, Object> config = new Yaml().load(read(HOME.resolve("observability/prometheus/prometheus.yml")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) config.get("scrape_configs");
        Map<String, Object> switchboard = jobs.stream().filter(j -> "switchboard".equals(j.get("job_name")))
                .findFirst().orElseThrow();

        assertThat(switchboard).containsEntry("metrics_path", "/actuator/prometheus");
        @SuppressWarnings("unchecked")
        List<String> targets = (List<String>) ((List<Map<String, Object>>) switchboard.get("static_configs")).get(0)
                .get("targets");
        for (String module : serviceModules()) {
            assertThat(targets).contains(module + ":" + actuatorPort(module));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theGatewaysActuatorIsOnItsManagementPortWhichIsNotPublished() {
        // Given the gateway's management port, as its application.yml defaults it
        String management = actuatorPort("gateway-service");
        assertThat(management).isNotEqualTo(defaultPort("gateway-service"));
        Map<String, Object> gateway = services().get("gateway-service");

        // Then compose sets it, the healthcheck reads readiness there, and only the public port reaches the host
        assertThat(String.valueOf(map(gateway, "environment").get("MANAGEMENT_PORT"))).isEqualTo(management);
        assertThat(String.valueOf(map(gateway, "healthcheck").get("test"))).contains("MANAGEMENT_PORT");
        assertThat((List<Object>) gateway.get("ports")).extracting(String::valueOf)
                .containsExactly(defaultPort("gateway-service") + ":" + defaultPort("gateway-service"));
    }

    /** A service owns a database when its application.yml names a default database URL. */
    static boolean ownsDatabase(String module) {
        return read(HOME.resolve(module).resolve("src/main/resources/application.yml")).contains("default-url:");
    }

    /** Where a service's actuator answers: its management port where its application.yml gives it one. */
    static String actuatorPort(String module) {
        Matcher port = MANAGEMENT_PORT.matcher(read(HOME.resolve(module).resolve("src/main/resources/application.yml")));
        return port.find() ? port.group(1) : defaultPort(module);
    }

    static String defaultPort(String module) {
        Matcher port = DEFAULT_PORT.matcher(read(HOME.resolve(module).resolve("src/main/resources/application.yml")));
        assertThat(port.find()).as(module + " has ${SERVER_PORT:...}").isTrue();
        return port.group(1);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() {
        Map<String, Object> compose = new Yaml().load(read(HOME.resolve("docker-compose.yml")));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
