package dev.switchboard.gateway.replies;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplyChunk;
import dev.switchboard.gateway.submission.Submissions;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Reads only this instance's partition of the reply topics (assigned, no consumer group) and hands each reply to
 * whoever waits for it. Replies written while this instance was down are not replayed: their clients are gone, and
 * chat-service has stored them for when the customer reconnects.
 */
@Component
class ReplyListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final PendingReplies pending;
    private final Submissions submissions;

    ReplyListener(PendingReplies pending, Submissions submissions) {
        this.pending = pending;
        this.submissions = submissions;
    }

    @KafkaListener(id = "replies", topicPartitions = {
            @TopicPartition(topic = "chat.replies", partitions = "#{@replyPartition.number()}"),
            @TopicPartition(topic = "chat.reply-chunks", partitions = "#{@replyPartition.number()}")})
    void on(SpecificRecord event) {
        if (event instanceof ChatReplied reply) {
            // one line per answered message: with the trace id it closes the message's trace in the gateway's log
            log.info("messageId={} reply arrived source={} agent={} intent={} latencyMs={}", reply.getMessageId(),
                    reply.getSource(), reply.getAgent(), reply.getIntent(), reply.getLatencyMs());
            pending.deliver(reply);
            submissions.arrived(reply);
        } else if (event instanceof ReplyChunk chunk) {
            pending.deliver(chunk);
        } else {
            log.warn("Ignoring unexpected {} on a reply topic", event.getClass().getSimpleName());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<org.apache.kafka.common.TopicPartition, Long> assignments,
            ConsumerSeekCallback callback) {
        callback.seekToEnd(assignments.keySet());
    }
}
