package dev.switchboard.loadgen.lag;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples every group's lag once a second on its own thread, from the start of the load until every group is back at
 * the head after it (or the drain limit passes).
 */
public final class LagSampler implements AutoCloseable {

    private final ConsumerLag lag;
    private final long originNanos;
    private final List<LagSample> samples = new CopyOnWriteArrayList<>();
    private final AtomicInteger failed = new AtomicInteger();
    private final CompletableFuture<Double> drained = new CompletableFuture<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "lag-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final long loadEndNanos;

    /**
     * Takes the first sample before it returns, then one a second; times are reported relative to {@code originNanos}, the start of the load, and the
     * drain is timed from {@code loadEndNanos}.
     */
    public LagSampler(ConsumerLag lag, long originNanos, long loadEndNanos) {
        this.lag = lag;
        this.originNanos = originNanos;
        this.loadEndNanos = loadEndNanos;
        sample();
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private void sample() {
        long at = System.nanoTime();
        try {
            LagSample sample = new LagSample((at - originNanos) / 1e9, lag.sample());
            samples.add(sample);
            if (at >= loadEndNanos && sample.atHead()) {
                drained.complete((at - loadEndNanos) / 1e9);
            }
        } catch (RuntimeException e) {
            failed.incrementAndGet();
        }
    }

    /** Waits until a sample after the end of the load finds every group at the head, at most {@code limit}. */
    public LagReport drain(Duration limit) {
        Double seconds = null;
        try {
            seconds = drained.get(Math.max(0, loadEndNanos + limit.toNanos() - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            // not drained within the limit: reported as null
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
        Map<String, GroupLag> max = new TreeMap<>();
        samples.forEach(sample -> sample.groups().forEach((group, groupLag) -> max.merge(group, groupLag,
                GroupLag::max)));
        return new LagReport(max, seconds, failed.get(), List.copyOf(samples));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
