package dev.switchboard.platform.kafka;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.language.FailureReply;
import dev.switchboard.schemas.Topics;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a pipeline stage gives up on a message, the customer still gets an answer: a {@code source=fallback} reply that
 * says what happened and offers a person, instead of silence until the gateway times out (the words are
 * {@code language}'s {@link FailureReply}; this is the wiring that sends them).
 */
public class FailureReplies {

    private static final Logger log = LoggerFactory.getLogger(FailureReplies.class);

    private final EventPublisher publisher;
    private final String stage;

    public FailureReplies(EventPublisher publisher, String stage) {
        this.publisher = publisher;
        this.stage = stage;
    }

    /** Answers the customer of a failed pipeline event; events that carry no reply route are left alone. */
    public void answer(SpecificRecord failed, Exception cause) {
        Envelope envelope = Envelope.of(failed);
        if (envelope.replyTo() < 0 || envelope.messageId() == null) {
            return;
        }
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(FailureReply.TEXT);
        reply.setAgent(Agent.general);
        reply.setIntent("unknown");
        reply.setSource(ReplySource.fallback);
        reply.setConfidence(0.0);
        reply.setReferences(List.of());
        reply.setLatencyMs(envelope.elapsedMillis());
        log.warn("stage={} failed for messageId={}, answering with a fallback reply: {}", stage,
                envelope.messageId(), cause.getMessage());
        publisher.await(publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply));
    }
}
