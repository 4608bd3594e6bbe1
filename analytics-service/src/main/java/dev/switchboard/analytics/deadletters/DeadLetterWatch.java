package dev.switchboard.analytics.deadletters;

import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Watches every dead-letter topic of the catalogue: how many records it holds and how old the oldest is, as the gauges
 * {@code kafka.dead.letters} and {@code kafka.dead.letters.oldest.age.seconds} (tag {@code topic}) that the shipped
 * alert rules (observability/prometheus/alerts.yml) fire on. No stage reads a dead-letter topic, so without this a dead letter
 * would wait unseen. A topic whose owner has not created it yet is not reported.
 */
class DeadLetterWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterWatch.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    /** What one scan found in one dead-letter topic; {@code oldest} is null when it is empty. */
    record Backlog(long depth, Instant oldest) {
    }

    private final Map<String, Object> kafka;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();

    DeadLetterWatch(Map<String, Object> kafka, MeterRegistry meters, Clock clock) {
        this.kafka = Map.copyOf(kafka);
        this.meters = meters;
        this.clock = clock;
    }

    Map<String, Backlog> backlogs() {
        return Map.copyOf(backlogs);
    }

    @Scheduled(fixedDelayString = "${switchboard.analytics.dead-letter-scan:PT30S}", initialDelayString = "PT5S")
    void scan() {
        try (Admin admin = Admin.create(kafka)) {
            List<String> names = Topics.ALL.stream().map(Topic::deadLetterTopic).toList();
            Set<String> existing = admin.listTopics().names().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            List<String> present = names.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return;
            }
            Map<TopicPartition, Long> earliest = offsets(admin, partitions(admin, present), OffsetSpec.earliest());
            Map<TopicPartition, Long> latest = offsets(admin, earliest.keySet(), OffsetSpec.latest());
            Map<TopicPartition, Long> waiting = new HashMap<>();
            earliest.forEach((partition, first) -> {
                if (latest.get(partition) > first) {
                    waiting.put(partition, first);
                }
            });
            Map<String, Instant> oldest = oldestTimestamps(waiting);
            for (String topic : present) {
                long depth = earliest.keySet().stream().filter(p -> p.topic().equals(topic))
                        .mapToLong(p -> latest.get(p) - earliest.get(p)).sum();
                report(topic, new Backlog(depth, oldest.get(topic)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the gauges keep the last scan's figures; the next scan tries again
            log.warn("dead-letter scan failed: {}", e.toString());
        }
    }

    private void report(String topic, Backlog backlog) {
        if (backlogs.put(topic, backlog) == null) {
            Gauge.builder("kafka.dead.letters", backlogs, b -> b.get(topic).depth())
                    .description("records in a dead-letter topic (failed after retries; not replayed by themselves)")
                    .tag("topic", topic).register(meters);
            Gauge.builder("kafka.dead.letters.oldest.age.seconds", backlogs, b -> age(b.get(topic)))
                    .description("age of the oldest record in a dead-letter topic; 0 when it is empty")
                    .tag("topic", topic).register(meters);
        }
        if (backlog.depth() > 0) {
            log.warn("{} holds {} dead letters, the oldest from {}", topic, backlog.depth(), backlog.oldest());
        }
    }

    private double age(Backlog backlog) {
        return backlog.oldest() == null ? 0 : Duration.between(backlog.oldest(), clock.instant()).toMillis() / 1000.0;
    }

    private static List<TopicPartition> partitions(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames()
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).values()) {
            topic.partitions().forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
        }
        return partitions;
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions,
            OffsetSpec spec) throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result : admin.listOffsets(request)
                .all().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).entrySet()) {
            offsets.put(result.getKey(), result.getValue().offset());
        }
        return offsets;
    }

    /** Reads the first record of every partition that holds any: its timestamp is the oldest there. */
    private Map<String, Instant> oldestTimestamps(Map<TopicPartition, Long> firstOffsets) {
        Map<String, Instant> oldest = new HashMap<>();
        if (firstOffsets.isEmpty()) {
            return oldest;
        }
        try (Consumer<byte[], byte[]> consumer = RawClients.consumer(kafka)) {
            consumer.assign(firstOffsets.keySet());
            firstOffsets.forEach(consumer::seek);
            Set<TopicPartition> unread = new HashSet<>(firstOffsets.keySet());
            long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
            while (!unread.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (unread.remove(partition)) {
                        oldest.merge(record.topic(), Instant.ofEpochMilli(record.timestamp()),
                                (a, b) -> a.isBefore(b) ? a : b);
                        consumer.pause(Set.of(partition));
                    }
                }
            }
        }
        return oldest;
    }
}
