package dev.switchboard.loadgen.traffic;

import java.util.concurrent.CompletionException;
import tools.jackson.databind.JsonNode;

/**
 * What came back for one message: the assistant's reply, an HTTP error status, a WebSocket error frame, or a
 * failure to talk to the gateway at all.
 */
record Answer(Outcome outcome, int status, String source, String conversationId, boolean gatewayTimeout,
        String failure) {

    enum Outcome { REPLY, HTTP_ERROR, WS_ERROR, FAILURE }

    /**
     * The start of the placeholder the gateway answers with when no reply came within REPLY_TIMEOUT
     * ({@code ChatExchange.TIMEOUT_CONTENT} in gateway-service, which this module cannot depend on). Should it change
     * there, the report still shows the gateway's own timeout counter next to this count.
     */
    static final String TIMEOUT_PREFIX = "I'm sorry, this is taking longer than it should.";

    static Answer reply(JsonNode reply) {
        return new Answer(Outcome.REPLY, 200, reply.path("source").asString("unknown"),
                reply.path("conversationId").asString(null), reply.path("content").asString("")
                        .startsWith(TIMEOUT_PREFIX), null);
    }

    static Answer httpError(int status) {
        return new Answer(Outcome.HTTP_ERROR, status, null, null, false, null);
    }

    static Answer webSocketError(int status) {
        return new Answer(Outcome.WS_ERROR, status, null, null, false, null);
    }

    static Answer failure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return new Answer(Outcome.FAILURE, 0, null, null, false, cause.getClass().getSimpleName());
    }
}
