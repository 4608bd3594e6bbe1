package dev.switchboard.llm.answering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import dev.switchboard.llm.LlmFallbackServiceTest;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A model answer takes seconds, so one instance answers several conversations at once (a consumer per partition):
 * with one consumer, every customer waited for the answers of everyone before them.
 */
@LlmFallbackServiceTest
class ConcurrentAnswersIT {

    static final OpenAiStub model = new OpenAiStub();
    static final int MODEL_SECONDS = 15;

    @DynamicPropertySource
    static void model(DynamicPropertyRegistry registry) {
        model.register(registry, (MODEL_SECONDS + 15) + "s");
    }

    @Autowired
    EventPublisher publisher;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /** The partitions of chat.fallback in these tests ({@link LlmFallbackServiceTest}). */
    static final int PARTITIONS = 8;
    /** The instance's consumers of chat.fallback (LLM_CONSUMERS' default). */
    static final int CONSUMERS = 6;

    @Test
    void questionsOfConversationsOnDifferentPartitionsReachTheModelWithoutWaitingForEachOther() {
        // Given every consumer of the instance holding partitions (a consumer stuck in a model call holds up the
        // group's rebalance: questions sent before the six have joined would wait for the first), a model that takes
        // 15 s to answer, and six conversations whose keys land on six different partitions
        ConcurrentMessageListenerContainer<?, ?> container = (ConcurrentMessageListenerContainer<?, ?>) listeners
                .getListenerContainer(FallbackListener.ID);
        await().atMost(Duration.ofSeconds(60)).until(() -> container.getContainers().size() == CONSUMERS
                && container.getContainers().stream().allMatch(c -> !c.getAssignedPartitions().isEmpty()));
        model.hangs(MODEL_SECONDS * 1000);
        List<String> conversations = onDistinctPartitions(6);

        // When each asks a question
        try (TopicRecorder replies = new TopicRecorder(brokers, Topics.CHAT_REPLIES.name())) {
            for (String conversation : conversations) {
                publisher.await(publisher.publish(Topics.CHAT_FALLBACK, conversation,
                        OpenAiStub.question(conversation, 0)));
            }

            // Then, long before the first answer, the model holds at least four of the questions at once (six
            // consumers over eight partitions: six partitions belong to at least four of them), where one consumer
            // would have sent it one
            await().atMost(Duration.ofSeconds(MODEL_SECONDS - 2)).until(() -> model.requests() >= 4);
            // and every conversation gets the model's answer
            await().atMost(Duration.ofSeconds(MODEL_SECONDS * 3)).untilAsserted(() -> assertThat(replies.records())
                    .extracting(record -> (ChatReplied) record.value())
                    .filteredOn(reply -> conversations.contains(reply.getMessageId()))
                    .hasSize(conversations.size())
                    .allSatisfy(reply -> assertThat(reply.getSource()).isEqualTo(ReplySource.llm)));
        }
    }

    // Kafka's default partitioner for a keyed record: murmur2 of the key's bytes
    private List<String> onDistinctPartitions(int count) {
        List<String> keys = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; keys.size() < count; i++) {
            String key = "concurrent-" + i;
            int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
            if (taken.add(partition)) {
                keys.add(key);
            }
        }
        return keys;
    }
}
