package dev.switchboard.loadgen.hold;

import dev.switchboard.loadgen.cpu.Proc;
import dev.switchboard.loadgen.gateway.GatewayMetrics;
import dev.switchboard.loadgen.traffic.Channel;
import dev.switchboard.loadgen.traffic.ChatSocket;
import dev.switchboard.loadgen.traffic.Customer;
import dev.switchboard.loadgen.traffic.Customers;
import dev.switchboard.loadgen.traffic.MessageMix;
import dev.switchboard.loadgen.traffic.OpenLoopSchedule;
import dev.switchboard.loadgen.traffic.TrafficReport;
import dev.switchboard.loadgen.traffic.TrafficRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens one socket per customer, reads the gateway's memory before and with all of them open, then holds them while
 * the active share sends a message every interval (open loop, each answer awaited within the grace period).
 */
public final class HoldRun {

    private final HttpClient http;
    private final URI gateway;
    private final Proc proc;
    private final GatewayMetrics metrics;

    public HoldRun(HttpClient http, URI gateway, URI management, Proc proc) {
        this.http = http;
        this.gateway = gateway;
        this.proc = proc;
        this.metrics = new GatewayMetrics(http, management);
    }

    public HoldReport run(HoldPlan plan, MessageMix mix, Duration grace) {
        List<Customer> customers = Customers.signIn(http, gateway, plan.connections(), Channel.WEBSOCKET);
        long pid = proc.listeningOn(gateway.getPort()).orElse(-1);
        GatewayMemory before = memory(pid);
        List<ChatSocket> sockets = ChatSocket.openAll(http, gateway, customers);
        GatewayMemory allOpen = memory(pid);
        List<Customer> active = customers.stream().filter(c -> c.socket() != null)
                .limit(plan.activeConnections()).toList();
        TrafficReport messages = active.isEmpty() ? null
                : new TrafficRun(gateway, active, mix, 1, grace).run(new OpenLoopSchedule(
                        System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100), plan.rate(), Duration.ZERO,
                        plan.duration()), Channel.WEBSOCKET);
        GatewayMemory atEnd = memory(pid);
        long closed = sockets.stream().filter(s -> s.closedByServer().isDone()).count();
        sockets.forEach(ChatSocket::close);
        int opened = sockets.size();
        return new HoldReport(plan, pid, opened, plan.connections() - opened, closed, before, allOpen, atEnd,
                opened == 0 ? 0 : (double) (allOpen.rssKb() - before.rssKb()) / opened,
                opened == 0 || before.heapUsedKb() == null || allOpen.heapUsedKb() == null ? null
                        : (allOpen.heapUsedKb() - before.heapUsedKb()) / opened,
                messages);
    }

    private GatewayMemory memory(long pid) {
        return new GatewayMemory(pid < 0 ? 0 : proc.residentKilobytes(pid), pid < 0 ? 0 : proc.proportionalKilobytes(pid),
                metrics.heapUsedBytes().map(bytes -> bytes / 1024).orElse(null));
    }
}
