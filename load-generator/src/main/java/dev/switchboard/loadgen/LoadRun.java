package dev.switchboard.loadgen;

import dev.switchboard.loadgen.ceiling.CeilingReport;
import dev.switchboard.loadgen.ceiling.ClosedLoop;
import dev.switchboard.loadgen.ceiling.KafkaHop;
import dev.switchboard.loadgen.cpu.CpuMeter;
import dev.switchboard.loadgen.cpu.CpuReport;
import dev.switchboard.loadgen.cpu.Proc;
import dev.switchboard.loadgen.gateway.GatewayMetrics;
import dev.switchboard.loadgen.hold.HoldRun;
import dev.switchboard.loadgen.lag.ConsumerLag;
import dev.switchboard.loadgen.lag.LagReport;
import dev.switchboard.loadgen.lag.LagSampler;
import dev.switchboard.loadgen.traffic.ChatSocket;
import dev.switchboard.loadgen.traffic.Customer;
import dev.switchboard.loadgen.traffic.Customers;
import dev.switchboard.loadgen.traffic.OpenLoopSchedule;
import dev.switchboard.loadgen.traffic.TrafficReport;
import dev.switchboard.loadgen.traffic.TrafficRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One benchmark run against a running stack; callable from code (system tests) as well as from the command line. */
public final class LoadRun {

    /** Time before the first intended send, for the first consumer-lag sample (the baseline) to be taken. */
    private static final Duration LEAD = Duration.ofSeconds(1);

    private LoadRun() {
    }

    public static Report run(Options options) {
        String startedAt = Instant.now().toString();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        Proc proc = Proc.system();
        if (options.hold() != null) {
            return new Report(startedAt, options, List.of(), null, Map.of(), null, null, null,
                    new HoldRun(http, options.target(), options.management(), proc)
                            .run(options.hold(), options.mix(), options.grace()));
        }
        List<CeilingReport> ceilings = options.ceiling() ? ceilings(http, options) : List.of();
        List<Customer> customers = Customers.signIn(http, options.target(), options.customers(), options.channel());
        List<ChatSocket> sockets = ChatSocket.openAll(http, options.target(),
                customers.stream().filter(Customer::usesWebSocket).toList());
        GatewayMetrics gateway = new GatewayMetrics(http, options.management());
        Double timeoutsBefore = gateway.replyTimeouts().orElse(null);

        CpuMeter cpu = new CpuMeter(proc, options.target().getPort());
        OpenLoopSchedule schedule = new OpenLoopSchedule(System.nanoTime() + LEAD.toNanos(), options.rate(),
                options.warmup(), options.duration());
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<?> cpuStart = clock.schedule(cpu::start, schedule.windowStartNanos() - System.nanoTime(),
                TimeUnit.NANOSECONDS);
        ScheduledFuture<?> cpuStop = clock.schedule(cpu::stop, schedule.endNanos() - System.nanoTime(),
                TimeUnit.NANOSECONDS);
        TrafficReport traffic;
        LagReport lag;
        try (ConsumerLag consumerLag = new ConsumerLag(options.kafka())) {
            LagSampler sampler = new LagSampler(consumerLag, schedule.startNanos(), schedule.endNanos());
            traffic = new TrafficRun(options.target(), customers, options.mix(), options.turns(),
                    options.grace()).run(schedule, options.channel());
            lag = sampler.drain(options.drainLimit());
        }
        CpuReport cpuReport = await(cpuStart, cpuStop) ? cpu.report(traffic.counted()) : null;
        clock.shutdownNow();
        sockets.forEach(ChatSocket::close);
        Double timeoutsAfter = gateway.replyTimeouts().orElse(null);
        Map<String, Double> ratios = new LinkedHashMap<>();
        ceilings.forEach(c -> ratios.put(c.name(), c.requestsPerSecond() == 0 ? 0
                : traffic.answeredPerSecond() / c.requestsPerSecond()));
        return new Report(startedAt, options, ceilings, traffic, ratios,
                timeoutsBefore == null || timeoutsAfter == null ? null : timeoutsAfter - timeoutsBefore, lag,
                cpuReport, null);
    }

    private static List<CeilingReport> ceilings(HttpClient http, Options options) {
        List<CeilingReport> ceilings = new ArrayList<>();
        HttpRequest health = HttpRequest.newBuilder(options.target().resolve("/api/v1/health"))
                .timeout(Duration.ofSeconds(10)).build();
        ceilings.add(new ClosedLoop(http, () -> health, options.ceilingConcurrency())
                .measure("gateway GET /api/v1/health", options.ceilingDuration()));
        try (KafkaHop hop = new KafkaHop(options.kafka())) {
            HttpRequest post = HttpRequest.newBuilder(hop.uri()).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"my internet is slow\"}")).build();
            ceilings.add(new ClosedLoop(http, () -> post, options.ceilingConcurrency())
                    .measure("one hop HTTP -> Kafka -> HTTP", options.ceilingDuration()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the one-hop server", e);
        }
        return ceilings;
    }

    private static boolean await(ScheduledFuture<?>... steps) {
        try {
            for (ScheduledFuture<?> step : steps) {
                step.get();
            }
            return true;
        } catch (ExecutionException e) {
            System.err.println("Process CPU not measured: " + e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
