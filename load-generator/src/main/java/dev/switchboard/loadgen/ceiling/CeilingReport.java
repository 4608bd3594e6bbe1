package dev.switchboard.loadgen.ceiling;

import dev.switchboard.loadgen.traffic.Latency;
import java.util.Map;

/**
 * The most a path served, closed loop, in the same run as the load.
 *
 * @param name what was measured
 * @param concurrency requests in flight
 * @param seconds the measured time (after a short warm-up)
 * @param requestsPerSecond answers with status 200 per second
 * @param latency of those answers
 * @param errors non-200 status, or 0 for no answer at all → count
 */
public record CeilingReport(String name, int concurrency, double seconds, double requestsPerSecond,
        Latency latency, Map<Integer, Long> errors) {
}
