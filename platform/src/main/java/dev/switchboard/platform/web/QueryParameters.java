package dev.switchboard.platform.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Query parameters the reporting APIs share, refused with a 400 that names the parameter. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An ISO-8601 instant, or {@code otherwise} when the parameter is absent. */
    public static Instant instant(String name, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    name + ": must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }
}
