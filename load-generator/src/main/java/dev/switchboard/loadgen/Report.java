package dev.switchboard.loadgen;

import dev.switchboard.loadgen.ceiling.CeilingReport;
import dev.switchboard.loadgen.cpu.CpuReport;
import dev.switchboard.loadgen.hold.HoldReport;
import dev.switchboard.loadgen.lag.LagReport;
import dev.switchboard.loadgen.traffic.TrafficReport;
import java.util.List;
import java.util.Map;

/**
 * Every figure of one run. A throughput run fills everything but {@code hold}; a hold run only {@code hold}.
 *
 * @param startedAt when the run started (ISO-8601)
 * @param options what was asked
 * @param ceilings the closed-loop ceilings measured before the load
 * @param traffic the open-loop messages
 * @param ratioToCeiling achieved messages/s divided by each ceiling's requests/s, by ceiling name
 * @param gatewayTimeoutCounter how much the gateway's own timeout counter rose over the run (null if unreadable)
 * @param lag consumer lag over the run and its drain
 * @param cpu process CPU over the measured window
 * @param hold the WebSocket hold run
 */
public record Report(String startedAt, Options options, List<CeilingReport> ceilings, TrafficReport traffic,
        Map<String, Double> ratioToCeiling, Double gatewayTimeoutCounter, LagReport lag, CpuReport cpu,
        HoldReport hold) {
}
