package dev.switchboard.language;

/**
 * What the customer is told when a stage of the pipeline gives up on their message: what happened, and how to reach a
 * person. The platform's delivery wiring sends it; the words are the product's, kept here with its other replies.
 */
public final class FailureReply {

    public static final String TEXT = "Sorry, something went wrong on our side while handling your message, so I "
            + "can't answer it right now. Please try again in a moment, or type \"agent\" and I'll connect you with a "
            + "member of our support team.";

    private FailureReply() {
    }
}
