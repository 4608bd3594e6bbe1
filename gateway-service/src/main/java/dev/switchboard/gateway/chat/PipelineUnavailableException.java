package dev.switchboard.gateway.chat;

/** Kafka did not accept a customer message, so nothing downstream will answer it. */
class PipelineUnavailableException extends RetryLaterException {

    PipelineUnavailableException(Throwable cause) {
        super("The chat pipeline is unavailable right now (" + cause.getMessage() + "); please try again shortly.",
                ChatErrors.RETRY_AFTER, cause);
    }
}
