package dev.switchboard.gateway.chat;

/** A request field that passed the schema but not the meaning check. */
class InvalidFieldException extends RuntimeException {

    private final String field;

    InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    String field() {
        return field;
    }

    /** The HTTP status (or WebSocket error frame status) it is answered with. */
    int status() {
        return 400;
    }
}
