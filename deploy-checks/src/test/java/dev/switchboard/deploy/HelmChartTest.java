package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The Helm chart renders offline (helm 3, bundled by helm-java) into manifests a hardened cluster accepts. */
class HelmChartTest {

    static final Path CHART = Repository.home().resolve("helm/switchboard");
    static final String KEY = "a-test-key-that-is-at-least-32-bytes-long";
    static final List<String> SERVICES = ComposeTest.serviceModules();
    static final List<String> WITH_DATABASE = List.of("chat-service", "analytics-service", "feedback-service",
            "knowledge-service", "account-service");
    static final List<String> INTERNAL_KEYS = List.of("gatewayPrivateKey", "gatewayPublicKey", "llmFallbackPrivateKey",
            "llmFallbackPublicKey", "intentPrivateKey", "intentPublicKey");
    /** The services that sign their calls as themselves, and the Secret's key of their private key. */
    static final Map<String, String> SIGNING_KEYS = Map.of("gateway-service", "gateway-private-key",
            "llm-fallback-service", "llm-fallback-private-key", "intent-service", "intent-private-key");

    @Test
    void theChartLintsStrictlyWithTheValuesAnInstallNeeds(@TempDir Path copy) throws IOException {
        // Given the chart with the values helm install must be given (lint has no --set, so into a copy)
        copyChart(copy);
        Path values = copy.resolve("values.yaml");
        String text = Files.readString(values).replace("  secretKey: \"\"", "  secretKey: \"" + KEY + "\"");
        for (String key : INTERNAL_KEYS) {
            text = text.replace("  " + key + ": \"\"", "  " + key + ": \"test-" + key + "\"");
        }
        for (String service : WITH_DATABASE) {
            text = text.replace("    " + service + ": \"\"", "    " + service + ": postgresql://u:p@db:5432/x");
        }
        Files.writeString(values, text);

        // When
        LintResult lint = new Helm(copy).lint().strict().call();

        // Then
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void everyServiceRendersWithProbesResourcesAndAHardenedSecurityContext() {
        List<Map<String, Object>> manifests = render(false);

        for (String service : SERVICES) {
            String kind = service.equals("gateway-service") ? "StatefulSet" : "Deployment";
            Map<String, Object> workload = find(manifests, kind, "switchboard-" + service);
            Map<String, Object> pod = map(map(map(workload, "spec"), "template"), "spec");
            Map<String, Object> podSecurity = map(pod, "securityContext");
            assertThat(podSecurity).as(service).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
            assertThat(pod).as(service).containsEntry("automountServiceAccountToken", false);
            Map<String, Object> container = list(pod, "containers").get(0);
            // on the actuator's port: the gateway's management port, which its public port does not serve
            String actuator = service.equals("gateway-service") ? "management" : "http";
            assertThat(map(map(container, "livenessProbe"), "httpGet")).as(service)
                    .containsEntry("path", "/actuator/health/liveness").containsEntry("port", actuator);
            assertThat(map(map(container, "readinessProbe"), "httpGet")).as(service)
                    .containsEntry("path", "/actuator/health/readiness").containsEntry("port", actuator);
            // started means warm: the startup probe waits for the readiness group, then liveness takes over
            assertThat(map(map(container, "startupProbe"), "httpGet")).as(service)
                    .containsEntry("path", "/actuator/health/readiness").containsEntry("port", actuator);
            assertThat(env(container)).as(service).containsEntry("EMBEDDING_CACHE_DIR", "/tmp/embeddings")
                    .doesNotContainKey("KAFKA_GROUP_INSTANCE_ID");
            Map<String, Object> resources = map(container, "resources");
            assertThat(map(resources, "requests")).as(service).containsKeys("cpu", "memory");
            assertThat(map(resources, "limits")).as(service).containsKey("memory");
            Map<String, Object> security = map(container, "securityContext");
            assertThat(security).as(service).containsEntry("readOnlyRootFilesystem", true)
                    .containsEntry("allowPrivilegeEscalation", false).containsEntry("runAsNonRoot", true);
            assertThat(map(security, "capabilities")).as(service).containsEntry("drop", List.of("ALL"));
            // the only writable path: /tmp on an emptyDir
            assertThat(list(container, "volumeMounts")).as(service)
                    .anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp").containsEntry("name", "tmp"));
            assertThat(list(pod, "volumes")).as(service)
                    .anySatisfy(v -> assertThat(v).containsEntry("name", "tmp").containsKey("emptyDir"));
            assertThat(env(container)).as(service).containsKey("SERVER_PORT");
            assertThat(env(container).containsKey("DATABASE_URL")).as(service + " DATABASE_URL")
                    .isEqualTo(WITH_DATABASE.contains(service));
            assertThat(find(manifests, "Service", "switchboard-" + service)).as(service).isNotNull();
            assertThat(map(find(manifests, "PodDisruptionBudget", "switchboard-" + service), "spec")).as(service)
                    .containsEntry("maxUnavailable", 1);
            Map<String, Object> hpa = find(manifests, "HorizontalPodAutoscaler", "switchboard-" + service);
            assertThat(map(map(hpa, "spec"), "scaleTargetRef")).as(service).containsEntry("kind", kind);
        }
    }

    @Test
    void theGatewayOwnsTheReplyPartitionOfItsOrdinalAndKnowsEveryService() {
        List<Map<String, Object>> manifests = render(false);

        Map<String, Object> env = gatewayEnv(manifests);
        assertThat(env.get("GATEWAY_INSTANCE")).asString().contains("apps.kubernetes.io/pod-index");
        for (String service : SERVICES) {
            if (!service.equals("gateway-service")) {
                String variable = service.toUpperCase().replace('-', '_') + "_URL";
                assertThat(env.get(variable)).as(variable).asString().startsWith("http://switchboard-" + service + ":808");
            }
        }
        assertThat(map(map(find(manifests, "HorizontalPodAutoscaler", "switchboard-gateway-service"), "spec"),
                "scaleTargetRef")).containsEntry("kind", "StatefulSet");
        assertThat(find(manifests, "ConfigMap", "switchboard-config")).isNotNull();
        assertThat(find(manifests, "Secret", "switchboard-secrets")).isNotNull();
    }

    @Test
    void noDemoUsersAreActiveInTheRenderedGatewayUnlessEnabled() {
        // Given the chart rendered with jwt.secretKey, as the README's install sets it
        List<Map<String, Object>> manifests = render(false);

        // When the gateway's environment is read, Then it runs outside the dev profile with the demo users off
        assertThat(gatewayEnv(manifests)).doesNotContainKey("SPRING_PROFILES_ACTIVE")
                .containsEntry("DEMO_USERS_ENABLED", "false");
        assertThat(map(find(manifests, "ConfigMap", "switchboard-config"), "data"))
                .doesNotContainKeys("SPRING_PROFILES_ACTIVE", "DEMO_USERS_ENABLED");

        // And only jwt.demoUsers=true turns them on
        assertThat(gatewayEnv(render(template(false).set("jwt.demoUsers", true))))
                .containsEntry("DEMO_USERS_ENABLED", "true");
    }

    @Test
    void withStaticMembershipEveryPodsConsumersJoinUnderThePodsName() {
        // Given the chart rendered with kafka.staticMembership=true
        List<Map<String, Object>> manifests = render(template(false).set("kafka.staticMembership", true));

        // Then every service's instance id is its pod's name: unique per replica, kept across container restarts
        for (String service : SERVICES) {
            assertThat(containerEnv(manifests, service)).as(service)
                    .containsEntry("KAFKA_GROUP_INSTANCE_ID", "{fieldRef={fieldPath=metadata.name}}");
        }
    }

    @Test
    void everyServiceVerifiesWithThePublicKeysAndOnlyTheSignersHoldAPrivateKey() {
        // Given the chart rendered with the internal keys
        List<Map<String, Object>> manifests = render(false);

        // When each service's environment is read
        for (String service : SERVICES) {
            Map<String, Object> env = containerEnv(manifests, service);

            // Then it has the public keys from the Secret, and a private key only if it signs its calls
            assertThat(env).as(service).containsKeys("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY",
                    "INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY", "INTERNAL_AUTH_INTENT_PUBLIC_KEY");
            assertThat(env.get("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY").toString()).as(service)
                    .contains("gateway-public-key").contains("switchboard-secrets");
            if (service.equals("intent-service")) {
                // And intent-service reads the knowledge base versions from knowledge-service in the cluster
                assertThat(env.get("KNOWLEDGE_SERVICE_URL")).asString()
                        .contains("http://switchboard-knowledge-service:8083");
            }
            if (SIGNING_KEYS.containsKey(service)) {
                assertThat(env.get("INTERNAL_AUTH_PRIVATE_KEY").toString()).as(service)
                        .contains(SIGNING_KEYS.get(service));
            } else {
                assertThat(env).as(service).doesNotContainKey("INTERNAL_AUTH_PRIVATE_KEY");
            }
        }
        assertThat(map(find(manifests, "Secret", "switchboard-secrets"), "stringData"))
                .containsEntry("gateway-private-key", "test-gatewayPrivateKey");
    }

    /** A service left with its default URL of another service would call localhost in the cluster. */
    @Test
    void everyServiceIsToldWhereTheServicesItCallsAreInTheCluster() {
        List<Map<String, Object>> manifests = render(false);
        for (String service : SERVICES) {
            Map<String, Object> env = containerEnv(manifests, service);
            for (String variable : CalledServices.urlVariables(Repository.home(), service)) {
                assertThat(env.get(variable)).as(service + " " + variable).asString()
                        .contains("http://switchboard-" + CalledServices.serviceOf(variable) + ":");
            }
        }
    }

    /** The services whose load is no consumer group's lag: every other one is Kafka-driven. */
    static final Set<String> NOT_KAFKA_DRIVEN = Set.of("gateway-service");

    @Test
    void withKedaTheKafkaDrivenServicesScaleOnConsumerLagInsteadOfCpu() {
        List<Map<String, Object>> manifests = render(true);

        for (String service : SERVICES) {
            if (NOT_KAFKA_DRIVEN.contains(service)) {
                continue;
            }
            Map<String, Object> scaled = find(manifests, "ScaledObject", "switchboard-" + service);
            List<Map<String, Object>> triggers = list(map(scaled, "spec"), "triggers");
            assertThat(triggers).as(service).isNotEmpty().allSatisfy(t -> {
                assertThat(t).containsEntry("type", "kafka");
                assertThat(map(t, "metadata")).containsEntry("consumerGroup", service).containsKey("topic");
            });
            assertThat(manifests).as(service + " has no CPU HPA beside KEDA's").noneMatch(
                    m -> "HorizontalPodAutoscaler".equals(m.get("kind")) && ("switchboard-" + service).equals(name(m)));
        }
        // the gateway reads its partition with assign(), no consumer group: CPU HPA only
        assertThat(find(manifests, "HorizontalPodAutoscaler", "switchboard-gateway-service")).isNotNull();
        assertThat(manifests).noneMatch(m -> "ScaledObject".equals(m.get("kind"))
                && "switchboard-gateway-service".equals(name(m)));
    }

    @Test
    void valuesThatCannotWorkAreRefusedWithTheReason() {
        assertThatThrownBy(() -> template(false).set("jwt.secretKey", "").call())
                .hasMessageContaining("jwt.secretKey");
        assertThatThrownBy(() -> template(false).set("services.gateway-service.autoscaling.maxReplicas", 9).call())
                .hasMessageContaining("at most 8 replicas");
        assertThatThrownBy(() -> template(false).set("database.urls.chat-service", "").call())
                .hasMessageContaining("database.urls.chat-service");
        for (String key : INTERNAL_KEYS) {
            assertThatThrownBy(() -> template(false).set("internalAuth." + key, "").call())
                    .hasMessageContaining("internalAuth." + key);
        }
    }

    /** The contract's HTTP edges (docs/architecture.md, "Network edges"): who calls each service. */
    static final Map<String, Set<String>> CALLERS = Map.of(
            "chat-service", Set.of("gateway-service", "llm-fallback-service"),
            "intent-service", Set.of("gateway-service"),
            "knowledge-service", Set.of("gateway-service", "intent-service", "llm-fallback-service"),
            "llm-fallback-service", Set.of("gateway-service"),
            "analytics-service", Set.of("gateway-service"),
            "feedback-service", Set.of("gateway-service"),
            "account-service", Set.of("gateway-service"));

    @Test
    void theNetworkPoliciesFollowTheContractsEdges() {
        // Given the chart as installed, with a tracing collector and neither Redis, an OIDC issuer nor an LLM
        List<Map<String, Object>> manifests = render(false);

        for (String service : SERVICES) {
            // When each service's policy is read
            Map<String, Object> spec = map(find(manifests, "NetworkPolicy", "switchboard-" + service), "spec");
            assertThat(spec.get("policyTypes")).as(service).isEqualTo(List.of("Ingress", "Egress"));
            assertThat(podNames(List.of(map(spec, "podSelector")))).as(service).containsExactly(service);

            // Then only its callers (and the scraper) reach it; the gateway, the edge, is open on its port
            List<Map<String, Object>> ingress = list(spec, "ingress");
            if (service.equals("gateway-service")) {
                // and the scraper alone on its management port
                assertThat(ingress).hasSize(2);
                assertThat(ingress.get(0)).doesNotContainKey("from");
                assertThat(portNames(ingress.get(0))).containsExactly("http");
                assertThat(list(ingress.get(1), "from"))
                        .allSatisfy(peer -> assertThat(peer).containsOnlyKeys("namespaceSelector"));
                assertThat(portNames(ingress.get(1))).containsExactly("management");
            } else {
                Set<String> callers = new TreeSet<>();
                ingress.forEach(rule -> callers.addAll(podNames(list(rule, "from"))));
                assertThat(callers).as(service + " callers").isEqualTo(new TreeSet<>(CALLERS.get(service)));
                assertThat(ingress).as(service + " scraper").anySatisfy(rule -> assertThat(list(rule, "from"))
                        .anySatisfy(peer -> assertThat(peer).containsKey("namespaceSelector")));
            }

            // And it reaches the services whose callers it is, and DNS, Kafka, its database and the collector
            List<Map<String, Object>> egress = list(spec, "egress");
            Set<String> called = new TreeSet<>();
            Set<Integer> ports = new TreeSet<>();
            for (Map<String, Object> rule : egress) {
                if (rule.containsKey("to")) {
                    called.addAll(podNames(list(rule, "to")));
                } else {
                    list(rule, "ports").forEach(port -> ports.add((Integer) port.get("port")));
                }
            }
            Set<String> expectedCalls = new TreeSet<>();
            CALLERS.forEach((callee, callersOfIt) -> {
                if (callersOfIt.contains(service)) {
                    expectedCalls.add(callee);
                }
            });
            assertThat(called).as(service + " calls").isEqualTo(expectedCalls);
            Set<Integer> expectedPorts = new TreeSet<>(Set.of(53, 9092, 4318));
            if (WITH_DATABASE.contains(service)) {
                expectedPorts.add(5432);
            }
            assertThat(ports).as(service + " egress ports").isEqualTo(expectedPorts);
        }

        // And Redis, the OIDC issuer and the LLM endpoint are reachable only when configured, by their users
        List<Map<String, Object>> configured = render(template(false).set("redisUrl", "redis://redis:6379")
                .set("jwt.issuerUri", "https://id.example.com").set("llm.apiKey", "sk-test"));
        assertThat(egressPorts(configured, "gateway-service")).contains(6379, 443);
        assertThat(egressPorts(configured, "llm-fallback-service")).contains(443).doesNotContain(6379);
        assertThat(egressPorts(configured, "account-service")).contains(443).doesNotContain(6379);
        assertThat(egressPorts(configured, "chat-service")).doesNotContain(6379, 443);

        // And the policies can be left to the cluster's own
        assertThat(render(template(false).set("networkPolicy.enabled", false)))
                .noneMatch(manifest -> "NetworkPolicy".equals(manifest.get("kind")));
    }

    @Test
    void theChatModelsSettingsReachBothServicesThatCallItAndNoOther() {
        // Given the chart with a model configured and the agent limited to one flow
        List<Map<String, Object>> manifests = render(template(false).set("llm.apiKey", "sk-test")
                .set("llm.chatModel", "openai").set("llm.agentFlows", "data-refuel"));

        for (String service : SERVICES) {
            Map<String, Object> env = containerEnv(manifests, service);
            if (Set.of("llm-fallback-service", "account-service").contains(service)) {
                // Then llm-fallback-service and account-service's tool-calling agent get the model, its key from the
                // Secret
                assertThat(env).as(service).containsEntry("SPRING_AI_CHAT_MODEL", "openai")
                        .containsEntry("OPENAI_BASE_URL", "https://api.openai.com/v1")
                        .containsKey("OPENAI_MODEL");
                assertThat(env.get("OPENAI_API_KEY")).as(service).asString().contains("openai-api-key");
            } else {
                // And no other service sees the key
                assertThat(env).as(service).doesNotContainKeys("OPENAI_API_KEY", "SPRING_AI_CHAT_MODEL");
            }
        }
        assertThat(containerEnv(manifests, "account-service")).containsEntry("ACCOUNT_AGENT_FLOWS", "data-refuel");
    }

    private static List<Object> portNames(Map<String, Object> rule) {
        return list(rule, "ports").stream().map(port -> port.get("port")).toList();
    }

    @Test
    void theGatewaysActuatorIsOnItsManagementPortWhichOnlyPrometheusReaches() {
        // Given the chart as installed
        List<Map<String, Object>> manifests = render(false);
        Map<String, Object> gateway = find(manifests, "StatefulSet", "switchboard-gateway-service");
        Map<String, Object> template = map(map(gateway, "spec"), "template");
        Map<String, Object> container = list(map(template, "spec"), "containers").get(0);

        // Then the gateway listens for the actuator on its management port, and Prometheus is told to scrape there
        assertThat(list(container, "ports")).extracting(port -> port.get("name") + ":" + port.get("containerPort"))
                .containsExactly("http:8080", "management:8090");
        assertThat(env(container)).containsEntry("MANAGEMENT_PORT", "8090");
        assertThat(map(map(template, "metadata"), "annotations")).containsEntry("prometheus.io/port", "8090")
                .containsEntry("prometheus.io/path", "/actuator/prometheus");
        // And its Services expose the public port only
        for (String name : List.of("switchboard-gateway-service", "switchboard-gateway-service-headless")) {
            assertThat(list(map(find(manifests, "Service", name), "spec"), "ports")).as(name)
                    .extracting(port -> port.get("targetPort")).containsExactly("http");
        }
    }

    private static Set<Integer> egressPorts(List<Map<String, Object>> manifests, String service) {
        Set<Integer> ports = new TreeSet<>();
        list(map(find(manifests, "NetworkPolicy", "switchboard-" + service), "spec"), "egress").stream()
                .filter(rule -> !rule.containsKey("to"))
                .forEach(rule -> list(rule, "ports").forEach(port -> ports.add((Integer) port.get("port"))));
        return ports;
    }

    private static Set<String> podNames(List<Map<String, Object>> peers) {
        Set<String> names = new TreeSet<>();
        for (Map<String, Object> peer : peers) {
            if (peer.containsKey("podSelector")) {
                names.add((String) map(map(peer, "podSelector"), "matchLabels").get("app.kubernetes.io/name"));
            } else if (peer.containsKey("matchLabels")) {
                names.add((String) map(peer, "matchLabels").get("app.kubernetes.io/name"));
            }
        }
        return names;
    }

    static TemplateCommand template(boolean keda) {
        TemplateCommand template = new Helm(CHART).template().withName("switchboard").withNamespace("switchboard").withKubeVersion("v1.30.0")
                .set("jwt.secretKey", KEY).set("tracing.otlpEndpoint", "http://jaeger-collector:4318")
                .set("keda.enabled", keda);
        for (String service : WITH_DATABASE) {
            template.set("database.urls." + service, "postgresql://u:p@db:5432/" + service);
        }
        for (String key : INTERNAL_KEYS) {
            template.set("internalAuth." + key, "test-" + key);
        }
        return template;
    }

    static List<Map<String, Object>> render(boolean keda) {
        return render(template(keda));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> render(TemplateCommand template) {
        List<Map<String, Object>> manifests = new ArrayList<>();
        for (Object document : new Yaml().loadAll(template.call())) {
            if (document != null) {
                manifests.add((Map<String, Object>) document);
            }
        }
        return manifests;
    }

    static Map<String, Object> find(List<Map<String, Object>> manifests, String kind, String name) {
        return manifests.stream().filter(m -> kind.equals(m.get("kind")) && name.equals(name(m))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the rendered chart"));
    }

    static Map<String, Object> gatewayEnv(List<Map<String, Object>> manifests) {
        Map<String, Object> gateway = find(manifests, "StatefulSet", "switchboard-gateway-service");
        return env(list(map(map(map(gateway, "spec"), "template"), "spec"), "containers").get(0));
    }

    static String name(Map<String, Object> manifest) {
        return (String) map(manifest, "metadata").get("name");
    }

    /** The environment of a service's container: the gateway's StatefulSet, every other service's Deployment. */
    static Map<String, Object> containerEnv(List<Map<String, Object>> manifests, String service) {
        String kind = service.equals("gateway-service") ? "StatefulSet" : "Deployment";
        return env(list(map(map(map(find(manifests, kind, "switchboard-" + service), "spec"), "template"), "spec"),
                "containers").get(0));
    }

    static Map<String, Object> env(Map<String, Object> container) {
        Map<String, Object> env = new java.util.HashMap<>();
        for (Map<String, Object> variable : list(container, "env")) {
            env.put((String) variable.get("name"),
                    variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom").toString());
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent).as("has " + key).containsKey(key);
        return (List<Map<String, Object>>) parent.get(key);
    }

    private static void copyChart(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(CHART)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(CHART.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }
}
