package dev.switchboard.gateway.chat;

import dev.switchboard.events.ChatReplied;
import java.time.Instant;
import java.util.List;

/**
 * The assistant's reply as the public API shows it. {@code placeholder} marks the gateway's own answer when no reply
 * came in time: the real reply to the same {@code messageId} replaces it (a WebSocket is sent it when it comes, a
 * retry of the message gets it). {@code actionId} names the account action a guided flow's reply reports (its audit
 * row), null otherwise.
 */
record AssistantReply(String id, String messageId, String conversationId, String content, String role, String agent,
        String intent, String source, double confidence, List<Reference> references, Instant timestamp,
        long latencyMs, boolean placeholder, List<Suggestion> suggestions, String actionId) {

    private static final int SNIPPET_LENGTH = 200;

    record Reference(String id, String title, String snippet) {
    }

    /** A quick reply: sending {@code id} as the next message's {@code choice} picks it. */
    record Suggestion(String id, String label) {
    }

    static AssistantReply of(Answer answer) {
        ChatReplied reply = answer.reply();
        return new AssistantReply(reply.getReplyId(), reply.getMessageId(), reply.getConversationId(),
                reply.getContent(), "assistant", reply.getAgent().name(), reply.getIntent(), reply.getSource().name(),
                reply.getConfidence(),
                reply.getReferences().stream()
                        .map(p -> new Reference(p.getArticleId(), p.getTitle(), snippet(p.getText())))
                        .toList(),
                reply.getOccurredAt(), reply.getLatencyMs(), answer.placeholder(),
                reply.getSuggestions().stream().map(s -> new Suggestion(s.getId(), s.getLabel())).toList(),
                reply.getActionId());
    }

    private static String snippet(String text) {
        return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH - 1).strip() + "…";
    }
}
