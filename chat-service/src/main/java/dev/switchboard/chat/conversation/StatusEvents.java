package dev.switchboard.chat.conversation;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ConversationStatusChanged;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.springframework.stereotype.Component;

/** Announces status changes of conversations on conversation.events. */
@Component
public class StatusEvents {

    private final EventPublisher publisher;

    StatusEvents(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** A change caused by a reply (an escalation); completes when the broker has it. */
    public CompletableFuture<Void> changed(ChatReplied cause, String previous, String status, String reason) {
        return publish(cause.getConversationId(), cause.getUserId(), cause.getMessageId(), previous, status, reason,
                cause.getAgent());
    }

    CompletableFuture<Void> publish(String conversationId, String userId, String messageId, String previous,
            String status, String reason, Agent agent) {
        ConversationStatusChanged event = new ConversationStatusChanged();
        event.setEventId(UUID.randomUUID().toString());
        event.setMessageId(messageId);
        event.setConversationId(conversationId);
        event.setUserId(userId);
        event.setOccurredAt(Instant.now());
        event.setReplyTo(-1);
        event.setPreviousStatus(previous);
        event.setStatus(status);
        event.setReason(reason);
        event.setAgent(agent);
        return publisher.publish(Topics.CONVERSATION_EVENTS, conversationId, event);
    }
}
