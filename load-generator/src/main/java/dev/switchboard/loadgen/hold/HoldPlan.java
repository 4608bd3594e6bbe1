package dev.switchboard.loadgen.hold;

import java.time.Duration;

/**
 * Many idle sockets on one gateway, a share of them sending a message every interval.
 *
 * @param connections sockets held open, one customer each (the gateway limits sockets per user)
 * @param duration how long they are held
 * @param activeShare the share of sockets that send
 * @param activeInterval how often each sending socket sends
 */
public record HoldPlan(int connections, Duration duration, double activeShare, Duration activeInterval) {

    int activeConnections() {
        return Math.max(1, (int) Math.round(connections * activeShare));
    }

    /** Messages per second over all active sockets: each sends once per interval. */
    double rate() {
        return activeConnections() / (activeInterval.toNanos() / 1e9);
    }
}
