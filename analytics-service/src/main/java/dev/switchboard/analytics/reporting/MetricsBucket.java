package dev.switchboard.analytics.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;

/** One bucket of {@code GET /api/v1/analytics/metrics}; the percentiles are null when it has no reply. */
record MetricsBucket(OffsetDateTime bucket, long messages, long replies, @JsonProperty("p50_ms") Double p50Ms,
        @JsonProperty("p95_ms") Double p95Ms, @JsonProperty("p99_ms") Double p99Ms) {

    static MetricsBucket of(Readable row) {
        return new MetricsBucket(row.get("bucket", OffsetDateTime.class), row.get("messages", Long.class),
                row.get("replies", Long.class), row.get("p50_ms", Double.class), row.get("p95_ms", Double.class),
                row.get("p99_ms", Double.class));
    }
}
