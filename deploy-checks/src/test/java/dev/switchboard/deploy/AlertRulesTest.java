package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The shipped alert rules are loaded by Prometheus, complete, and alert only on metrics the services export. */
class AlertRulesTest {

    static final Path HOME = Repository.home();
    static final String RULES = "observability/prometheus/alerts.yml";

    @Test
    @SuppressWarnings("unchecked")
    void everyRuleIsCompleteAndQueriesOnlyExportedMetrics() {
        Map<String, Object> file = new Yaml().load(ComposeTest.read(HOME.resolve(RULES)));
        List<Map<String, Object>> rules = ((List<Map<String, Object>>) file.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
        Set<String> exported = ExportedMetrics.all(HOME);
        Set<String> queried = new TreeSet<>();

        assertThat(rules).isNotEmpty();
        for (Map<String, Object> rule : rules) {
            String name = (String) rule.get("alert");
            assertThat(name).isNotBlank();
            assertThat((String) rule.get("expr")).as(name).isNotBlank();
            assertThat((String) rule.get("for")).as(name).matches("\\d+[smh]");
            assertThat((Map<String, Object>) rule.get("labels")).as(name).containsKey("severity");
            assertThat((Map<String, Object>) rule.get("annotations")).as(name).containsKeys("summary", "description");
            queried.addAll(DashboardMetrics.metricsOf((String) rule.get("expr")));
        }
        assertThat(queried).as("metrics the alert rules query").isNotEmpty().allSatisfy(
                metric -> assertThat(exported).as("exported metrics").contains(metric));
        // what issue 19 asks for: the depth and the age of every dead-letter topic
        assertThat(queried).contains("kafka_dead_letters", "kafka_dead_letters_oldest_age_seconds");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusLoadsTheRulesThatComposeMounts() {
        Map<String, Object> config = new Yaml()
                .load(ComposeTest.read(HOME.resolve("observability/prometheus/prometheus.yml")));
        assertThat((List<String>) config.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        assertThat(ComposeTest.read(HOME.resolve("docker-compose.yml")))
                .contains("./" + RULES + ":/etc/prometheus/alerts.yml:ro");
    }
}
