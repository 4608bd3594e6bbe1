package dev.switchboard.gateway.replies;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplyChunk;
import dev.switchboard.gateway.submission.Submissions;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Reads only this instance's partition of the reply topics (assigned, no consumer group) and hands each reply to
 * whoever waits for it. On start it reads back the replies of the last {@link Submissions#catchUp()}: those that came
 * while this instance was down (killed with messages in flight) are kept for the clients' retries, whose first
 * request's connection went with it. Chunks are read from the end: nobody is left to stream them to.
 */
@Component
public class ReplyListener implements ConsumerSeekAware {

    public static final String ID = "replies";
    static final String OFFSETS_NOT_COMMITTED = "replyOffsetsNotCommitted";

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);

    private final PendingReplies pending;
    private final Submissions submissions;
    private final Counter caughtUp;
    /** When the reply partition was last assigned: a reply written before it is one read back. */
    private volatile long assignedAt = Long.MAX_VALUE;

    ReplyListener(PendingReplies pending, Submissions submissions, MeterRegistry meters) {
        this.pending = pending;
        this.submissions = submissions;
        this.caughtUp = Counter.builder("gateway.replies.caught_up")
                .description("replies read back at start, written while this instance was not reading its partition")
                .register(meters);
    }

    @KafkaListener(id = ID, containerPostProcessor = OFFSETS_NOT_COMMITTED, topicPartitions = {
            @TopicPartition(topic = Topics.Names.CHAT_REPLIES, partitions = "#{@replyPartition.number()}"),
            @TopicPartition(topic = Topics.Names.CHAT_REPLY_CHUNKS, partitions = "#{@replyPartition.number()}")})
    void on(ConsumerRecord<String, SpecificRecord> record) {
        if (record.value() instanceof ChatReplied reply) {
            if (record.timestamp() < assignedAt) {
                caughtUp.increment();
                log.debug("messageId={} reply read back (written before this instance read its partition)",
                        reply.getMessageId());
                submissions.caughtUp(reply);
            } else {
                // one line per answered message: with the trace id it closes the message's trace in the gateway's log
                log.info("messageId={} reply arrived source={} agent={} intent={} latencyMs={}", reply.getMessageId(),
                        reply.getSource(), reply.getAgent(), reply.getIntent(), reply.getLatencyMs());
                submissions.arrived(reply);
            }
            pending.deliver(reply);
        } else if (record.value() instanceof ReplyChunk chunk) {
            pending.deliver(chunk);
        } else {
            log.warn("Ignoring unexpected {} on a reply topic", record.value().getClass().getSimpleName());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<org.apache.kafka.common.TopicPartition, Long> assignments,
            ConsumerSeekCallback callback) {
        long now = System.currentTimeMillis();
        assignedAt = now;
        callback.seekToEnd(assignments.keySet());
        List<org.apache.kafka.common.TopicPartition> replies = assignments.keySet().stream()
                .filter(partition -> partition.topic().equals(Topics.CHAT_REPLIES.name())).toList();
        // where nothing was written since then, the seek to the end stands
        callback.seekToTimestamp(replies, now - submissions.catchUp().toMillis());
        log.info("Reading the replies of {} since {} again, for retries of messages in flight while this instance "
                + "was down", replies, Instant.ofEpochMilli(now).minus(submissions.catchUp()));
    }
}
