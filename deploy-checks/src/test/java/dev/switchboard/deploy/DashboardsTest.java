package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Grafana dashboards are valid, provisioned, and query only metrics the services export. */
class DashboardsTest {

    static final Path HOME = Repository.home();
    static final Path DASHBOARDS = HOME.resolve(DashboardMetrics.DASHBOARDS);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyDashboardIsValidJsonWithUniqueIdsAndPanelsOnTheProvisionedDatasource() {
        Map<String, Object> provisioned = new Yaml().load(ComposeTest.read(
                HOME.resolve("observability/grafana/provisioning/datasources/datasources.yml")));
        @SuppressWarnings("unchecked")
        Set<Object> datasources = new HashSet<>(((List<Map<String, Object>>) provisioned.get("datasources")).stream()
                .map(d -> d.get("uid")).toList());
        Set<String> uids = new HashSet<>();

        assertThat(DashboardMetrics.dashboardFiles(DASHBOARDS)).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : DashboardMetrics.dashboardFiles(DASHBOARDS)) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            assertThat(uids.add(dashboard.path("uid").asString(""))).as(file + " has a unique uid").isTrue();
            assertThat(dashboard.path("title").asString("")).as(file.toString()).isNotBlank();
            assertThat(dashboard.path("panels").size()).as(file.toString()).isPositive();
            for (JsonNode panel : dashboard.path("panels")) {
                String title = file.getFileName() + " / " + panel.path("title").asString();
                assertThat(datasources).as(title).contains(panel.path("datasource").path("uid").asString());
                assertThat(panel.path("targets").size()).as(title).isPositive();
                panel.path("targets").forEach(t -> assertThat(t.path("expr").asString("")).as(title).isNotBlank());
                assertThat(panel.path("gridPos").path("w").asInt()).as(title).isBetween(1, 24);
            }
        }
    }

    @Test
    void everyMetricTheDashboardsQueryIsOneTheServicesExport() {
        Set<String> referenced = DashboardMetrics.referencedMetrics(DASHBOARDS);
        Set<String> exported = ExportedMetrics.all(HOME);

        Set<String> unknown = new TreeSet<>(referenced);
        unknown.removeAll(exported);
        assertThat(unknown).as("metrics queried by the dashboards that no service exports").isEmpty();
        // what the issue asks the dashboards to show
        assertThat(referenced).contains("chat_response_time_seconds_bucket", "chat_response_time_seconds_count",
                "knowledge_base_hits_total", "llm_fallback_requests_total", "intent_routed_total",
                "intent_classified_total", "kafka_consumer_fetch_manager_records_lag_max",
                "resilience4j_circuitbreaker_state", "http_server_requests_seconds_count", "jvm_memory_used_bytes",
                "jvm_gc_pause_seconds_sum");
    }

    @Test
    void theServicesOwnMetricsAreNamedAsMicrometersPrometheusRegistryNamesThem() {
        // Given the meter definitions as the services write them
        String source = """
                Timer.builder("chat.response.time").tag("channel", channel)
                        .publishPercentileHistogram().register(meters);
                Counter.builder("knowledge.base.hits").register(meters);
                meters.counter("intent.classified", "intent", i).increment();
                meters.gaugeMapSize("gateway.replies.pending", List.of(), pending);
                Timer.builder("llm.model.latency").register(meters);
                """;

        // When / Then
        assertThat(ExportedMetrics.fromSource(source)).containsExactlyInAnyOrder("chat_response_time_seconds_count",
                "chat_response_time_seconds_sum", "chat_response_time_seconds_max",
                "chat_response_time_seconds_bucket", "knowledge_base_hits_total", "intent_classified_total",
                "gateway_replies_pending", "llm_model_latency_seconds_count", "llm_model_latency_seconds_sum",
                "llm_model_latency_seconds_max");
        // and the real code has the seed's names
        assertThat(ExportedMetrics.fromCode(HOME)).contains("chat_response_time_seconds_bucket",
                "knowledge_base_hits_total", "llm_fallback_requests_total");
    }

    @Test
    void metricNamesAreReadFromPromqlButNotFunctionsLabelsOrVariables() {
        assertThat(DashboardMetrics.metricsOf("histogram_quantile(0.99, sum by (application, le) "
                + "(rate(http_server_requests_seconds_bucket{application=~\"$application\", status=~\"5..\"}"
                + "[$__rate_interval])))")).containsExactly("http_server_requests_seconds_bucket");
        assertThat(DashboardMetrics.metricsOf("sum(rate(a_total[5m])) / sum(rate(b_count[5m])) * 100"))
                .containsExactly("a_total", "b_count");
        assertThat(DashboardMetrics.metricsOf("label_values(process_uptime_seconds, application)"))
                .containsExactly("process_uptime_seconds");
        assertThat(DashboardMetrics.metricsOf("topk(10, sum by (intent) (increase(intent_classified_total"
                + "[$__range])))")).containsExactly("intent_classified_total");
        // a misspelt metric is found, so the export check above can fail
        assertThat(DashboardMetrics.metricsOf("rate(chat_respons_time_seconds_count[1m])"))
                .doesNotContainAnyElementsOf(ExportedMetrics.all(HOME));
    }
}
