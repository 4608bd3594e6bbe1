package dev.switchboard.analytics.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code GET /api/v1/analytics/intents}: how the classifications of a range spread over the intents. */
record IntentReport(Instant from, Instant to, String interval, double lowConfidenceShare,
        List<IntentShare> distribution, List<IntentTrend> trend) {

    record IntentShare(String agent, String intent, long count, double share,
            @JsonProperty("avg_confidence") double avgConfidence,
            @JsonProperty("low_confidence_share") double lowConfidenceShare,
            @JsonProperty("avg_frustration") double avgFrustration) {

        static IntentShare of(Readable row) {
            return new IntentShare(row.get("agent", String.class), row.get("intent", String.class),
                    row.get("count", Long.class), row.get("share", Double.class),
                    row.get("avg_confidence", Double.class), row.get("low_confidence_share", Double.class),
                    row.get("avg_frustration", Double.class));
        }
    }

    record IntentTrend(OffsetDateTime bucket, String agent, String intent, long count) {

        static IntentTrend of(Readable row) {
            return new IntentTrend(row.get("bucket", OffsetDateTime.class), row.get("agent", String.class),
                    row.get("intent", String.class), row.get("count", Long.class));
        }
    }
}
