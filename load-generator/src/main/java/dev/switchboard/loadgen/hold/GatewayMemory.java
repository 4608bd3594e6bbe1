package dev.switchboard.loadgen.hold;

/**
 * The gateway's memory at one moment.
 *
 * @param rssKb resident set size of its process (0 if the process could not be seen)
 * @param pssKb its proportional set size, shared pages divided among their users
 * @param heapUsedKb JVM heap in use, from its Prometheus endpoint (null if unreadable); noisy, as it includes garbage
 *     not yet collected
 */
public record GatewayMemory(long rssKb, long pssKb, Double heapUsedKb) {
}
