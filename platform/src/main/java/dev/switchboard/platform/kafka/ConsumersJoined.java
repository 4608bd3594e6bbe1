package dev.switchboard.platform.kafka;

import dev.switchboard.platform.lifecycle.WarmUp;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Part of readiness: every consumer of every listener has joined its group and been given its partitions (possibly
 * none, when there are more replicas than partitions), so the first message is not waiting for a rebalance.
 * Containers with assigned partitions join no group and count once running.
 */
class ConsumersJoined implements WarmUp {

    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    /** Listener id → the consumer threads that have had an assignment. */
    private final Map<String, Set<String>> joined = new ConcurrentHashMap<>();

    ConsumersJoined(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.registry = registry;
    }

    /** Records each consumer's assignment, keeping whatever rebalance listener the container had. */
    void track(ConcurrentMessageListenerContainer<?, ?> container) {
        ContainerProperties properties = container.getContainerProperties();
        if (properties.getTopicPartitions() != null) {
            return;
        }
        String id = container.getListenerId();
        Set<String> threads = joined.computeIfAbsent(id, key -> ConcurrentHashMap.newKeySet());
        var previous = properties.getConsumerRebalanceListener();
        properties.setConsumerRebalanceListener(new ConsumerAwareRebalanceListener() {

            @Override
            public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                threads.add(Thread.currentThread().getName());
                if (previous instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsAssigned(consumer, partitions);
                } else if (previous != null) {
                    previous.onPartitionsAssigned(partitions);
                }
            }

            @Override
            public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (previous instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsRevokedBeforeCommit(consumer, partitions);
                } else if (previous != null) {
                    previous.onPartitionsRevoked(partitions);
                }
            }

            @Override
            public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
                if (previous instanceof ConsumerAwareRebalanceListener aware) {
                    aware.onPartitionsLost(consumer, partitions);
                } else if (previous != null) {
                    previous.onPartitionsLost(partitions);
                }
            }
        });
    }

    @Override
    public void warmUp() {
        KafkaListenerEndpointRegistry listeners = registry.getIfAvailable();
        if (listeners == null) {
            return;
        }
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            if (!container.isRunning()) {
                throw new IllegalStateException("listener " + container.getListenerId() + " is not running");
            }
            Set<String> threads = joined.get(container.getListenerId());
            int consumers = container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                    ? concurrent.getConcurrency() : 1;
            if (threads != null && threads.size() < consumers) {
                throw new IllegalStateException("listener " + container.getListenerId() + ": " + threads.size()
                        + " of " + consumers + " consumers have joined their group");
            }
        }
    }
}
