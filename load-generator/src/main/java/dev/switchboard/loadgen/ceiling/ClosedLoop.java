package dev.switchboard.loadgen.ceiling;

import dev.switchboard.loadgen.traffic.Latency;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * A fixed number of requests in flight, each sent as soon as the previous one is answered, for a while: the most the
 * path serves. The first fifth (at most a second) warms up and is not counted.
 */
public final class ClosedLoop {

    private final HttpClient http;
    private final Supplier<HttpRequest> request;
    private final int concurrency;
    private final ConcurrentHistogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(1), 3);
    private final Map<Integer, LongAdder> errors = new ConcurrentHashMap<>();
    private long windowStart;
    private long end;
    private CountDownLatch workers;

    public ClosedLoop(HttpClient http, Supplier<HttpRequest> request, int concurrency) {
        this.http = http;
        this.request = request;
        this.concurrency = concurrency;
    }

    public CeilingReport measure(String name, Duration duration) {
        long warmup = Math.min(TimeUnit.SECONDS.toNanos(1), duration.toNanos() / 5);
        long start = System.nanoTime();
        windowStart = start + warmup;
        end = start + duration.toNanos();
        workers = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            next();
        }
        try {
            // an answer that never comes must not hold the run: each request has a timeout below
            workers.await(duration.toSeconds() + 15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (end - windowStart) / 1e9;
        Map<Integer, Long> errorCounts = new TreeMap<>();
        errors.forEach((status, count) -> errorCounts.put(status, count.sum()));
        return new CeilingReport(name, concurrency, seconds, micros.getTotalCount() / seconds, Latency.of(micros),
                errorCounts);
    }

    private void next() {
        long sent = System.nanoTime();
        if (sent >= end) {
            workers.countDown();
            return;
        }
        http.sendAsync(request.get(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            long answered = System.nanoTime();
            if (answered >= windowStart && answered < end) {
                if (error == null && response.statusCode() == 200) {
                    micros.recordValue(Math.min(micros.getHighestTrackableValue(),
                            TimeUnit.NANOSECONDS.toMicros(answered - sent)));
                } else {
                    errors.computeIfAbsent(error == null ? response.statusCode() : 0, s -> new LongAdder())
                            .increment();
                }
            }
            next();
        });
    }
}
