package dev.switchboard.gateway.chat;

import java.time.Duration;

/** Too many customer messages are already in flight on this instance: the caller should try again shortly. */
class PipelineBusyException extends RetryLaterException {

    PipelineBusyException(int inFlight, Duration retryAfter) {
        super("We are handling " + inFlight + " messages right now and cannot take yours this second; please send it "
                + "again in a moment.", retryAfter, null);
    }
}
