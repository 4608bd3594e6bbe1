package dev.switchboard.intent.flow;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.schemas.Topics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

/**
 * Every reply, read by every instance (every partition assigned to each, since a conversation's replies are partitioned
 * by the gateway that waits for them, not by conversation): a flow's reply keeps its conversation in the flow or ends
 * it, any other reply ends it. At each start the replies of the last {@code ttlSeconds} are read again, so a restarted
 * instance knows which conversations are in a flow. Assigned, not subscribed: a group per instance would leave a dead
 * group behind at every restart, and the one group's committed offsets are never read (the start seeks by time).
 */
@Component
class FlowReplies implements ConsumerSeekAware {

    private final GuidedFlows flows;

    FlowReplies(GuidedFlows flows) {
        this.flows = flows;
    }

    // every reply comes here, and a customer answers a reply seconds after it, not milliseconds: fetched in batches
    // (as the services off the reply's path are), so the broker answers a few fetches a second instead of one a reply
    @KafkaListener(id = "flow-replies", groupId = "${spring.application.name}.flows", batch = "true",
            topicPartitions = @org.springframework.kafka.annotation.TopicPartition(topic = Topics.Names.CHAT_REPLIES,
                    partitions = "0-" + (Topics.MAX_GATEWAY_INSTANCES - 1)),
            properties = {"fetch.min.bytes=65536", "fetch.max.wait.ms=250"})
    void on(List<ConsumerRecord<String, ChatReplied>> records) {
        for (ConsumerRecord<String, ChatReplied> record : records) {
            ChatReplied reply = record.value();
            flows.replied(reply.getConversationId(), reply.getSource() == ReplySource.flow ? reply.getFlow() : null,
                    reply.getIntent(), reply.getReceivedAt().toEpochMilli());
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToTimestamp(assignments.keySet(),
                System.currentTimeMillis() - flows.settings().ttlSeconds() * 1000);
    }
}
