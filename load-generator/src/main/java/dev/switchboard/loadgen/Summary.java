package dev.switchboard.loadgen;

import dev.switchboard.loadgen.ceiling.CeilingReport;
import dev.switchboard.loadgen.cpu.CpuReport;
import dev.switchboard.loadgen.hold.GatewayMemory;
import dev.switchboard.loadgen.hold.HoldReport;
import dev.switchboard.loadgen.lag.LagReport;
import dev.switchboard.loadgen.traffic.TrafficReport;
import java.io.PrintStream;
import java.util.Locale;

/** The report as text for a person; the JSON file holds every figure. */
final class Summary {

    private final PrintStream out;

    Summary(PrintStream out) {
        this.out = out;
    }

    void print(Report report) {
        line("Switchboard load benchmark, started %s against %s", report.startedAt(), report.options().target());
        report.ceilings().forEach(this::ceiling);
        if (report.traffic() != null) {
            traffic("Messages", report.traffic());
            report.ratioToCeiling().forEach((name, ratio) -> line("  ratio to %s: %.3f", name, ratio));
            if (report.gatewayTimeoutCounter() != null) {
                line("  gateway's own timeout counter rose by %.0f over the run", report.gatewayTimeoutCounter());
            }
        }
        if (report.lag() != null) {
            lag(report.lag());
        }
        if (report.cpu() != null) {
            cpu(report.cpu());
        }
        if (report.hold() != null) {
            hold(report.hold());
        }
    }

    private void ceiling(CeilingReport ceiling) {
        line("Ceiling %s: %.0f requests/s with %d in flight over %.1f s; %s; errors %s", ceiling.name(),
                ceiling.requestsPerSecond(), ceiling.concurrency(), ceiling.seconds(), ceiling.latency(),
                ceiling.errors());
    }

    private void traffic(String title, TrafficReport traffic) {
        line("%s (%s): offered %.1f/s for %.1f s, %d sent (warm-up included), %d measured", title, traffic.channel(),
                traffic.offeredPerSecond(), traffic.seconds(), traffic.sent(), traffic.counted());
        line("  achieved %.1f replies/s; latency from intended send: %s", traffic.answeredPerSecond(),
                traffic.latency());
        traffic.latencyByChannel().forEach((channel, latency) -> line("    %s: %s", channel, latency));
        line("  replies by kind and source: %s", traffic.sourcesByKind());
        line("  HTTP errors %s, WebSocket errors %s (+%d naming no message), failures %s", traffic.httpErrors(),
                traffic.webSocketErrors(), traffic.webSocketErrorsWithoutId(), traffic.failures());
        line("  errors' latency from intended send: %s", traffic.refusalLatency());
        line("  every answer (reply or error): %s; %d later than 2 s", traffic.answerLatency(),
                traffic.answersOverTwoSeconds());
        line("  gateway timeouts %d, no answer %d", traffic.gatewayTimeouts(), traffic.noAnswers());
    }

    private void lag(LagReport lag) {
        line("Consumer lag (max over %d samples, %d failed): ", lag.samples().size(), lag.failedSamples());
        lag.maxByGroup().forEach((group, max) -> line("  %-22s %6d records, %6d ms behind", group, max.offsetLag(),
                max.timeLagMs()));
        line("  drained %s after the load stopped", lag.drainSeconds() == null ? "NOT within the limit"
                : String.format(Locale.ROOT, "%.1f s", lag.drainSeconds()));
    }

    private void cpu(CpuReport cpu) {
        line("Process CPU over %.1f s, %d messages, %d cores (%s):", cpu.windowSeconds(), cpu.messages(), cpu.cores(),
                cpu.scope());
        cpu.byProcess().forEach((name, p) -> line("  %-22s %6.2f s  %6.2f ms/message", name, p.cpuSeconds(),
                p.msPerMessage()));
        line("  stack %.0f %% of the machine; load generator %.2f s = %.0f %% of the machine", 100
                * cpu.stackShareOfMachine(), cpu.generator().cpuSeconds(), 100 * cpu.generatorShareOfMachine());
        line("  load average %.2f at the start, %.2f at the end", cpu.loadAverageStart(), cpu.loadAverageEnd());
    }

    private void hold(HoldReport hold) {
        line("WebSocket hold: %d of %d sockets opened, %d closed by the gateway while held (gateway pid %d)",
                hold.opened(), hold.plan().connections(), hold.closedByGateway(), hold.gatewayPid());
        memory("before", hold.before());
        memory("all open", hold.allOpen());
        memory("at the end", hold.atEnd());
        line("  per connection: %.1f KB resident, %s KB heap", hold.rssKbPerConnection(),
                hold.heapKbPerConnection() == null ? "?" : String.format(Locale.ROOT, "%.1f",
                        hold.heapKbPerConnection()));
        if (hold.messages() != null) {
            traffic("Active sockets' messages", hold.messages());
        }
    }

    private void memory(String when, GatewayMemory memory) {
        line("  gateway %-10s RSS %d MB, PSS %d MB, heap used %s MB", when, memory.rssKb() / 1024,
                memory.pssKb() / 1024, memory.heapUsedKb() == null ? "?" : String.format(Locale.ROOT, "%.0f",
                        memory.heapUsedKb() / 1024));
    }

    private void line(String format, Object... arguments) {
        out.println(String.format(Locale.ROOT, format, arguments));
    }
}
