package dev.switchboard.gateway.chat;

import dev.switchboard.events.ChatReplied;
import java.time.Instant;
import java.util.List;

/** The assistant's reply as the public API shows it. */
record AssistantReply(String id, String messageId, String conversationId, String content, String role, String agent,
        String intent, String source, double confidence, List<Reference> references, Instant timestamp,
        long latencyMs) {

    private static final int SNIPPET_LENGTH = 200;

    record Reference(String id, String title, String snippet) {
    }

    static AssistantReply of(ChatReplied reply) {
        return new AssistantReply(reply.getReplyId(), reply.getMessageId(), reply.getConversationId(),
                reply.getContent(), "assistant", reply.getAgent().name(), reply.getIntent(), reply.getSource().name(),
                reply.getConfidence(),
                reply.getReferences().stream()
                        .map(p -> new Reference(p.getArticleId(), p.getTitle(), snippet(p.getText())))
                        .toList(),
                reply.getOccurredAt(), reply.getLatencyMs());
    }

    private static String snippet(String text) {
        return text.length() <= SNIPPET_LENGTH ? text : text.substring(0, SNIPPET_LENGTH - 1).strip() + "…";
    }
}
