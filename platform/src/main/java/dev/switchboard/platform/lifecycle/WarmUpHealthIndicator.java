package dev.switchboard.platform.lifecycle;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Readiness means warm: runs the service's {@link WarmUp}s once the application has started (on a thread of its own,
 * so liveness answers meanwhile) and reports OUT_OF_SERVICE, naming what is still cold, until every one succeeded.
 * In the readiness health group, so neither Kubernetes nor the local stack sends traffic to a cold instance.
 */
class WarmUpHealthIndicator implements HealthIndicator, ApplicationListener<ApplicationReadyEvent>, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WarmUpHealthIndicator.class);
    private static final long RETRY_MILLIS = 1_000;

    private final ListableBeanFactory beans;
    private final Map<String, Long> warmMillis = new ConcurrentHashMap<>();
    /** Empty until the application has started. */
    private volatile Map<String, WarmUp> warmUps = Map.of();
    private volatile String failing = "the application is starting";
    private volatile long startedNanos;
    /** One thread of its own, so liveness answers while a warm-up runs. */
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "warm-up");
        thread.setDaemon(true);
        return thread;
    });

    WarmUpHealthIndicator(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        Map<String, WarmUp> ordered = new LinkedHashMap<>();
        beans.getBeansOfType(WarmUp.class).entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, WarmUp> entry) -> order(entry.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
        warmUps = ordered;
        failing = null;
        startedNanos = System.nanoTime();
        executor.execute(this::warmUpNext);
    }

    /** A warm-up's place when it says (a rehearsal of the whole path last), else 0. */
    private static int order(WarmUp warmUp) {
        return warmUp instanceof Ordered ordered ? ordered.getOrder() : 0;
    }

    /** Runs the first warm-up not yet done; a failed one is tried again a second later, the next one at once. */
    private void warmUpNext() {
        for (Map.Entry<String, WarmUp> warmUp : warmUps.entrySet()) {
            if (warmMillis.containsKey(warmUp.getKey())) {
                continue;
            }
            if (!warmUp(warmUp.getKey(), warmUp.getValue())) {
                executor.schedule(this::warmUpNext, RETRY_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
        }
        failing = null;
        log.info("Warm in {} ms: {}", (System.nanoTime() - startedNanos) / 1_000_000, warmMillis);
        executor.shutdown();
    }

    private boolean warmUp(String name, WarmUp warmUp) {
        long started = System.nanoTime();
        try {
            warmUp.warmUp();
            warmMillis.put(name, (System.nanoTime() - started) / 1_000_000);
            return true;
        } catch (Exception e) {
            String message = name + ": " + e;
            if (!message.equals(failing)) {
                log.warn("Not ready yet, warming up {} failed (retrying every second): {}", name, e.toString());
            }
            failing = message;
            return false;
        }
    }

    /** Stops retrying when the application closes before it is warm. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public Health health() {
        List<String> cold = warmUps.keySet().stream().filter(name -> !warmMillis.containsKey(name)).toList();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("warmMillis", Map.copyOf(warmMillis));
        if (cold.isEmpty() && failing == null) {
            return Health.up().withDetails(details).build();
        }
        details.put("cold", cold);
        if (failing != null) {
            details.put("failing", failing);
        }
        return Health.outOfService().withDetails(details).build();
    }
}
