package dev.switchboard.gateway.redis;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * The decisions a Redis-backed store made with this replica's own state because Redis did not answer: each one counted,
 * and logged at most every ten seconds, so an outage shows in the log without a line per request.
 */
public final class StoreFallbacks {

    private static final long LOG_EVERY_MILLIS = 10_000;

    private final Counter counted;
    private final Logger log;
    private final String warning;
    private final AtomicLong lastLogged = new AtomicLong();

    /** @param warning the log line, with one {} for the error */
    public StoreFallbacks(Counter counted, Logger log, String warning) {
        this.counted = counted;
        this.log = log;
        this.warning = warning;
    }

    public void fellBack(Throwable error) {
        counted.increment();
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last > LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
            log.warn(warning, error.toString());
        }
    }
}
