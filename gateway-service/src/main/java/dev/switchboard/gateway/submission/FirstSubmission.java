package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;

/** What a retry learns of its message's first submission, which another request holds. */
public sealed interface FirstSubmission {

    /** The first submission was answered: the retry gets the same reply. */
    record Answered(ChatReplied reply) implements FirstSubmission {
    }

    /**
     * The first submission's replica went down before the message reached the pipeline, and this replica now holds its
     * claim: the retry publishes it, in this conversation.
     */
    record TakenOver(String conversationId) implements FirstSubmission {
    }
}
