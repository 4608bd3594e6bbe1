package dev.switchboard.gateway.submission;

/** A customer message as the customer named it: message ids are scoped per customer. */
record SubmissionKey(String userId, String messageId) {

    /** The user id's length first, so that no user id and message id can run into another pair's key. */
    String storeKey() {
        return "switchboard:submission:" + userId.length() + ":" + userId + ":" + messageId;
    }
}
