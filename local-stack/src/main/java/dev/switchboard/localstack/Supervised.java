package dev.switchboard.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One service kept running as Kubernetes keeps a container running: when its process exits (a crash, a kill, an
 * out-of-memory), it is started again, at once the first time and then after a doubling back-off; after
 * {@link RestartPolicy#maxRestarts()} exits in a row without a stable run in between, it is given up on and the end
 * of its log is printed. Driven by {@link #check()}, which the launcher calls ten times a second.
 */
final class Supervised {

    private final Service service;
    private final Supplier<ServiceProcess> starter;
    private final RestartPolicy policy;
    private final Consumer<String> log;
    private ServiceProcess current;
    private Instant startedAt;
    private Instant exitedAt;
    private Instant restartAt;
    private int exitsInARow;
    private boolean announcedReady;
    private boolean givenUp;
    private boolean stopping;

    /**
     * @param maxRestarts restarts after exits in a row before giving up; 0 never restarts (an exit is only reported)
     * @param firstBackoff the pause before the second restart in a row (the first is immediate); it doubles after that
     * @param maxBackoff the longest pause
     * @param stableAfter a run at least this long resets the count of exits in a row
     */
    record RestartPolicy(int maxRestarts, Duration firstBackoff, Duration maxBackoff, Duration stableAfter) {

        static RestartPolicy of(int maxRestarts) {
            return new RestartPolicy(maxRestarts, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60));
        }

        /** The pause before restart number {@code restart} (1-based) of a series. */
        Duration backoff(int restart) {
            if (restart <= 1) {
                return Duration.ZERO;
            }
            long millis = firstBackoff.toMillis() << Math.min(restart - 2, 20);
            return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
        }
    }

    Supervised(Service service, Supplier<ServiceProcess> starter, RestartPolicy policy, Consumer<String> log) {
        this.service = service;
        this.starter = starter;
        this.policy = policy;
        this.log = log;
        start();
    }

    private void start() {
        current = starter.get();
        startedAt = Instant.now();
        restartAt = null;
        announcedReady = false;
    }

    /** Restarts the service if it exited and its back-off has passed; reports a restarted service once it is ready. */
    synchronized void check() {
        if (stopping || givenUp) {
            return;
        }
        Instant now = Instant.now();
        if (restartAt != null) {
            if (!now.isBefore(restartAt)) {
                restart();
            }
            return;
        }
        if (current.isAlive()) {
            if (exitedAt != null && !announcedReady && current.isHealthy()) {
                announcedReady = true;
                log.accept(String.format("%s is ready again (pid %d), %.1f s after it exited", service.name(),
                        current.pid(), Duration.between(exitedAt, now).toMillis() / 1000.0));
            }
            return;
        }
        exited(now);
    }

    private void exited(Instant now) {
        Duration ran = Duration.between(startedAt, now);
        exitsInARow = ran.compareTo(policy.stableAfter()) >= 0 ? 1 : exitsInARow + 1;
        exitedAt = now;
        String exit = String.format("%s (pid %d) exited with code %d after %.1f s", service.name(), current.pid(),
                current.exitCode(), ran.toMillis() / 1000.0);
        if (exitsInARow > policy.maxRestarts()) {
            givenUp = true;
            log.accept(exit + "; " + (policy.maxRestarts() == 0 ? "restarts are off"
                    : "giving up on it after " + policy.maxRestarts() + " restarts in a row")
                    + ". The end of its log:\n  " + String.join("\n  ", current.tail(40)));
            return;
        }
        Duration backoff = policy.backoff(exitsInARow);
        restartAt = now.plus(backoff);
        log.accept(exit + "; restarting it " + (backoff.isZero() ? "now" : "in " + backoff.toMillis() / 1000.0 + " s")
                + " (restart " + exitsInARow + " of at most " + policy.maxRestarts() + " in a row)");
        if (backoff.isZero()) {
            // a first crash costs its customers no tick of waiting: the restart is part of the recovery they wait for
            restart();
        }
    }

    private void restart() {
        try {
            start();
            log.accept(service.name() + " restarted (pid " + current.pid() + ")");
        } catch (RuntimeException e) {
            givenUp = true;
            log.accept("cannot restart " + service.name() + ", giving up on it: " + e.getMessage());
        }
    }

    /** Ready: running and its readiness says so. */
    synchronized boolean isReady() {
        return !givenUp && restartAt == null && current.isAlive() && current.isHealthy();
    }

    synchronized boolean isGivenUp() {
        return givenUp;
    }

    /** Stops supervising, then stops the process gracefully. */
    void stop(Duration grace) {
        ServiceProcess process;
        synchronized (this) {
            stopping = true;
            process = current;
        }
        process.stop(grace);
    }

    Service service() {
        return service;
    }

    synchronized ServiceProcess current() {
        return current;
    }
}
