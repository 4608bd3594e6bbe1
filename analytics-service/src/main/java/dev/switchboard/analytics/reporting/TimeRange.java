package dev.switchboard.analytics.reporting;

import dev.switchboard.platform.web.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** The {@code from}, {@code to} and {@code interval} query parameters every analytics endpoint takes. */
record TimeRange(Instant from, Instant to, String interval) {

    static final Duration DEFAULT_SPAN = Duration.ofHours(24);
    static final Set<String> INTERVALS = Set.of("minute", "hour", "day");

    static TimeRange of(String from, String to, String interval) {
        Instant end = QueryParameters.instant("to", to, Instant.now());
        Instant start = QueryParameters.instant("from", from, end.minus(DEFAULT_SPAN));
        if (!start.isBefore(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from: must be before to");
        }
        String unit = interval == null || interval.isBlank() ? "hour" : interval.toLowerCase(Locale.ROOT);
        if (!INTERVALS.contains(unit)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "interval: must be minute, hour or day");
        }
        return new TimeRange(start, end, unit);
    }
}
