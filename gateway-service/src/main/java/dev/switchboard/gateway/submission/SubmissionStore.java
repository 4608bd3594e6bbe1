package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;
import reactor.core.publisher.Mono;

/** Where submissions are remembered for the window: this replica's memory, or Redis shared by every replica. */
interface SubmissionStore {

    /** The source of a reply that says the pipeline failed (or could not answer): a later real answer replaces it. */
    String FAILURE = "fallback";

    /** Remembers the key with this conversation unless it is known, atomically; answers what is remembered. */
    Mono<Claim> claim(SubmissionKey key, String conversationId);

    /**
     * Keeps the reply of a remembered key: the first one, unless that was a failure reply ({@code source=fallback})
     * and this one is not. With {@code remember}, a key not known (a replica that restarted and lost its memory) is
     * remembered with the reply's conversation.
     */
    Mono<Void> answered(SubmissionKey key, ChatReplied reply, boolean remember);

    /** The reply kept for the key, if any. */
    Mono<ChatReplied> reply(SubmissionKey key);

    /** Forgets the key: its first submission never reached the pipeline, so a retry must be sent again. */
    Mono<Void> release(SubmissionKey key);

    /**
     * Notes that the key's first submission reached the pipeline (the broker acknowledged its record): from then on a
     * retry waits for its reply and never takes it over.
     */
    Mono<Void> published(SubmissionKey key);

    /**
     * One look at a key a retry waits on: its reply when one is kept; else, when this replica may take the submission
     * over, the key claimed again for it and its conversation (claimed by a replica that never noted it published, as
     * one that went down between the claim and the broker's acknowledgement, and not answered for the take-over
     * time; the caller then publishes it itself); empty otherwise.
     */
    Mono<FirstSubmission> lookAgain(SubmissionKey key);

    String name();

    /** Whether the reply says the pipeline failed: a later real answer takes its place. */
    static boolean isFailure(ChatReplied reply) {
        return FAILURE.equals(reply.getSource().name());
    }
}
