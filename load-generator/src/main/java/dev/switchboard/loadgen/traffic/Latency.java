package dev.switchboard.loadgen.traffic;

import org.HdrHistogram.AbstractHistogram;

/** Percentiles of one latency histogram, in milliseconds. */
public record Latency(long count, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    public static Latency of(AbstractHistogram micros) {
        if (micros.getTotalCount() == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        return new Latency(micros.getTotalCount(), millis(micros.getValueAtPercentile(50)),
                millis(micros.getValueAtPercentile(90)), millis(micros.getValueAtPercentile(99)),
                millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }

    @Override
    public String toString() {
        return String.format("p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (%d)", p50Ms, p90Ms, p99Ms, maxMs,
                count);
    }
}
