package dev.switchboard.gateway.chat;

import java.time.Duration;

/** A customer message refused for now (503): the caller is told when to send it again ({@code Retry-After}). */
abstract class RetryLaterException extends RuntimeException {

    private final Duration retryAfter;

    RetryLaterException(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
