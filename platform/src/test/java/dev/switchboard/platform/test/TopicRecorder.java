package dev.switchboard.platform.test;

import dev.switchboard.schemas.kafka.EventDeserializer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Records everything written to one topic (all partitions, from the beginning) on a thread of its own, so a test can
 * await what a service emitted. Close it at the end.
 */
public final class TopicRecorder implements AutoCloseable {

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<ConsumerRecord<String, SpecificRecord>> records = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile RuntimeException failure;

    public TopicRecorder(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(), new EventDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::pollUntilClosed, "recorder-" + topic);
        poller.setDaemon(true);
        poller.start();
    }

    /** Every record seen so far. */
    public List<ConsumerRecord<String, SpecificRecord>> records() {
        requireReading();
        return List.copyOf(records);
    }

    public <T extends SpecificRecord> List<T> values(Class<T> type, Predicate<T> filter) {
        requireReading();
        return records.stream().map(ConsumerRecord::value).filter(type::isInstance).map(type::cast).filter(filter)
                .toList();
    }

    private void pollUntilClosed() {
        try {
            while (true) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        } catch (WakeupException closing) {
            consumer.close();
        } catch (RuntimeException e) {
            // a test waiting for records would otherwise wait in vain, not knowing that nothing is read any more
            failure = e;
            consumer.close();
        }
    }

    private void requireReading() {
        if (failure != null) {
            throw new IllegalStateException("the recorder stopped reading: " + failure, failure);
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        try {
            poller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
