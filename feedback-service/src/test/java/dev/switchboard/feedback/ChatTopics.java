package dev.switchboard.feedback;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.util.List;

/** What feedback-service learns a conversation from: the chat topics, as chat and the pipeline write them. */
public final class ChatTopics {

    private ChatTopics() {
    }

    /** A customer's message and one knowledge-base reply to it, on {@code chat.inbound} and {@code chat.replies}. */
    public static void conversationWithReply(EventPublisher publisher, Envelope envelope, String question,
            String replyId, String answer, Agent agent, String intent) {
        ChatMessageReceived message = envelope.stamp(new ChatMessageReceived());
        message.setContent(question);
        message.setChannel("rest");
        publisher.await(publisher.publish(Topics.CHAT_INBOUND, envelope.conversationId(), message));
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(replyId);
        reply.setContent(answer);
        reply.setAgent(agent);
        reply.setIntent(intent);
        reply.setSource(ReplySource.knowledge_base);
        reply.setConfidence(0.9);
        reply.setReferences(List.of());
        reply.setLatencyMs(10);
        publisher.await(publisher.reply(Topics.CHAT_REPLIES, 0, envelope.conversationId(), reply));
    }
}
