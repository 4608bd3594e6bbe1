package dev.switchboard.analytics.reporting;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/** {@code GET /api/v1/analytics/satisfaction}: ratings and thumbs of a range, over time and per agent and intent. */
record SatisfactionReport(Instant from, Instant to, String interval, List<RatingBucket> overTime,
        List<RatingBreakdown> byAgent, List<RatingBreakdown> byIntent, List<RatingBreakdown> worstIntents) {

    record RatingBucket(OffsetDateTime bucket, long ratings, @JsonProperty("avg_rating") Double avgRating,
            Double csat) {

        static RatingBucket of(Readable row) {
            return new RatingBucket(row.get("bucket", OffsetDateTime.class), row.get("ratings", Long.class),
                    row.get("avg_rating", Double.class), row.get("csat", Double.class));
        }
    }

    /** The feedback of one agent or intent ({@code key}); averages are null when it has no rating. */
    record RatingBreakdown(String key, long ratings, @JsonProperty("avg_rating") Double avgRating, Double csat,
            @JsonProperty("thumbs_up") long thumbsUp, @JsonProperty("thumbs_down") long thumbsDown) {

        static RatingBreakdown of(Readable row) {
            return new RatingBreakdown(row.get("key", String.class), row.get("ratings", Long.class),
                    row.get("avg_rating", Double.class), row.get("csat", Double.class),
                    row.get("thumbs_up", Long.class), row.get("thumbs_down", Long.class));
        }
    }
}
