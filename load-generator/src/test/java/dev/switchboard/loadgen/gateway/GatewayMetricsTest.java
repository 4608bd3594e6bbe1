package dev.switchboard.loadgen.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayMetricsTest {

    private static final String SCRAPE = """
            # HELP gateway_reply_timeouts_total customer messages answered with a fallback
            # TYPE gateway_reply_timeouts_total counter
            gateway_reply_timeouts_total{application="gateway-service"} 3.0
            jvm_memory_used_bytes{application="gateway-service",area="heap",id="Eden Space"} 7.1154424E7
            jvm_memory_used_bytes{application="gateway-service",area="heap",id="Tenured Gen"} 2.8845576E7
            jvm_memory_used_bytes{application="gateway-service",area="nonheap",id="Metaspace"} 9.0E7
            jvm_memory_used_bytes_extra{area="heap"} 5.0
            """;

    @Test
    void sumsTheSamplesOfAMetricWithTheGivenLabels() {
        assertThat(GatewayMetrics.sum(SCRAPE, "jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(1.0E8);
        assertThat(GatewayMetrics.sum(SCRAPE, "gateway_reply_timeouts_total", "")).isEqualTo(3.0);
        assertThat(GatewayMetrics.sum(SCRAPE, "absent_metric", "")).isZero();
    }
}
