package dev.switchboard.loadgen.hold;

import dev.switchboard.loadgen.traffic.TrafficReport;

/**
 * The WebSocket hold run.
 *
 * @param plan what was asked
 * @param gatewayPid the gateway process whose memory was read (-1 if it could not be found)
 * @param opened sockets that opened
 * @param failedToOpen sockets that did not
 * @param closedByGateway sockets the gateway closed (or that failed) while held
 * @param before the gateway before any socket was opened
 * @param allOpen right after every socket had opened
 * @param atEnd at the end of the hold, every socket still open
 * @param rssKbPerConnection (allOpen − before) / opened, resident memory
 * @param heapKbPerConnection the same for the JVM heap in use (null if unreadable)
 * @param messages the active sockets' messages
 */
public record HoldReport(HoldPlan plan, long gatewayPid, int opened, int failedToOpen, long closedByGateway,
        GatewayMemory before, GatewayMemory allOpen, GatewayMemory atEnd, double rssKbPerConnection,
        Double heapKbPerConnection, TrafficReport messages) {
}
