package dev.switchboard.gateway.chat;

/** Too many customer messages are already in flight on this instance: the caller should try again shortly. */
class PipelineBusyException extends RuntimeException {

    PipelineBusyException(int inFlight) {
        super("We are handling " + inFlight + " messages right now and cannot take yours this second; please send it "
                + "again in a moment.");
    }
}
