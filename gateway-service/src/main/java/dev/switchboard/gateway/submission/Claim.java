package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;

/**
 * The outcome of submitting a message id: the first submission ({@code first}), or a repeat that finds the first's
 * conversation and, once the pipeline answered it, its reply ({@code null} while it is in flight).
 */
public record Claim(boolean first, String conversationId, ChatReplied reply) {
}
