package dev.switchboard.system;

import dev.switchboard.schemas.kafka.EventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The events passing on some topics of the local stack's broker from now on, as the pipeline's stages read them. */
final class EventTap implements AutoCloseable {

    /** The local stack's broker (LocalStack.KAFKA_PORT). */
    static final String BROKER = "127.0.0.1:9092";

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<SpecificRecord> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean open = true;

    EventTap(String... topics) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new EventDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                    .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // the end offsets are fixed now, before any event of the test is sent
        partitions.forEach(consumer::position);
        poller = new Thread(() -> {
            try {
                while (open) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> events.add(record.value()));
                }
            } catch (WakeupException e) {
                // closed
            }
        }, "event-tap");
        poller.setDaemon(true);
        poller.start();
    }

    <T extends SpecificRecord> List<T> events(Class<T> type, Predicate<T> filter) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        consumer.wakeup();
        poller.join(5_000);
        consumer.close();
    }
}
