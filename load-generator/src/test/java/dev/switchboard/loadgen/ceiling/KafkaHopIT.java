package dev.switchboard.loadgen.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class KafkaHopIT {

    static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void eachPostGoesThroughKafkaAndBackAndTheCeilingIsMeasuredClosedLoop() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CeilingReport ceiling;
        try (KafkaHop hop = new KafkaHop(broker.getBrokersAsString())) {
            // Given the hop's server: a POST comes back with its body once it has been read from bench.hop
            HttpRequest post = HttpRequest.newBuilder(hop.uri()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("hello through kafka")).build();
            HttpResponse<String> echo = http.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(echo.body()).isEqualTo("hello through kafka");

            // When it is driven with 8 requests in flight for 2 s
            ceiling = new ClosedLoop(http, () -> post, 8).measure("hop", Duration.ofSeconds(2));
        }

        // Then every request was answered, at some rate, with latencies
        assertThat(ceiling.errors()).isEmpty();
        assertThat(ceiling.requestsPerSecond()).isPositive();
        assertThat(ceiling.latency().count()).isPositive();
        assertThat(ceiling.latency().p50Ms()).isPositive().isLessThanOrEqualTo(ceiling.latency().maxMs());
        // And the benchmark topic is gone afterwards
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(KafkaHop.TOPIC);
        }
    }
}
