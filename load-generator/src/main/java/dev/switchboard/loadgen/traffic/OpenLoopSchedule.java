package dev.switchboard.loadgen.traffic;

import java.time.Duration;

/**
 * When each message is meant to go out: message {@code i} at {@code start + i / rate}, whatever happened to the
 * earlier ones. Latency is measured from this intended time, not from when the sender got round to it, so a stalled
 * sender or a slow server shows in the latency instead of silently lowering the rate (coordinated omission, as wrk2
 * corrects it). Messages meant for the warm-up are sent but not counted. Times are {@link System#nanoTime()}.
 */
public record OpenLoopSchedule(long startNanos, double ratePerSecond, Duration warmup, Duration duration) {

    public OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the rate must be positive");
        }
    }

    long intendedNanos(long index) {
        return startNanos + Math.round(index * 1e9 / ratePerSecond);
    }

    /** Every message meant to go out before the end, the warm-up's included. */
    long messages() {
        return (long) Math.ceil((warmup.toNanos() + duration.toNanos()) * ratePerSecond / 1e9);
    }

    public long windowStartNanos() {
        return startNanos + warmup.toNanos();
    }

    public long endNanos() {
        return windowStartNanos() + duration.toNanos();
    }

    boolean counted(long intendedNanos) {
        return intendedNanos >= windowStartNanos() && intendedNanos < endNanos();
    }

    boolean inWindow(long nanos) {
        return nanos >= windowStartNanos() && nanos < endNanos();
    }
}
