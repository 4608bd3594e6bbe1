package dev.switchboard.analytics.reporting;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/analytics/overview}: the headline figures of a range. */
record Overview(Instant from, Instant to, long conversations, long messages, long activeUsers, long replies,
        ResponseTime responseTimeMs, double kbAnswerRate, double llmFallbackRate, double escalationRate,
        double containmentRate, Double csat, long ratings, List<IntentCount> topIntents) {

    Overview withTopIntents(List<IntentCount> intents) {
        return new Overview(from, to, conversations, messages, activeUsers, replies, responseTimeMs, kbAnswerRate,
                llmFallbackRate, escalationRate, containmentRate, csat, ratings, intents);
    }

    /** Reply latencies in milliseconds; 0 when the range has no reply. */
    record ResponseTime(double avg, double p50, double p95) {
    }

    record IntentCount(String intent, String agent, long count) {

        static IntentCount of(Readable row) {
            return new IntentCount(row.get("intent", String.class), row.get("agent", String.class),
                    row.get("count", Long.class));
        }
    }
}
