package dev.switchboard.loadgen.lag;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the lag of every consumer group on the broker: its committed offsets against the partitions' end offsets,
 * and, where it is behind, the timestamp of the first record it has not committed yet (read with a group-less
 * consumer, assign + seek, a few hundred bytes per partition).
 */
public final class ConsumerLag implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** How long one sample may spend reading timestamps before it reports what it has. */
    private static final Duration TIMESTAMP_BUDGET = Duration.ofMillis(500);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> reader;

    public ConsumerLag(String bootstrapServers) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_TIMEOUT.toMillis());
        this.admin = Admin.create(admin);
        Properties reader = new Properties();
        reader.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        reader.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // one record per partition is all a timestamp needs
        reader.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024);
        reader.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        reader.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.reader = new KafkaConsumer<>(reader);
    }

    /** Every consumer group with committed offsets, by group id. */
    public Map<String, GroupLag> sample() {
        Set<String> groups = await(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all()).stream()
                .map(GroupListing::groupId).collect(Collectors.toSet());
        if (groups.isEmpty()) {
            return Map.of();
        }
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = await(admin.listConsumerGroupOffsets(
                groups.stream().collect(Collectors.toMap(g -> g, g -> new ListConsumerGroupOffsetsSpec()))).all());
        Set<TopicPartition> partitions = new HashSet<>();
        committed.values().forEach(offsets -> partitions.addAll(offsets.keySet()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = await(admin.listOffsets(
                partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all());
        Map<String, Map<TopicPartition, Long>> positions = new TreeMap<>();
        committed.forEach((group, offsets) -> positions.put(group, offsets.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()))));
        Map<TopicPartition, Long> endOffsets = ends.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, Map<Long, Long>> timestamps = timestampsAt(behind(positions, endOffsets));
        long now = System.currentTimeMillis();
        Map<String, GroupLag> lag = new TreeMap<>();
        positions.forEach((group, at) -> lag.put(group, new GroupLag(offsetLag(at, endOffsets),
                timeLagMillis(at, endOffsets, timestamps, now))));
        return lag;
    }

    /** Records between each committed offset and its partition's end, summed. */
    static long offsetLag(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {
        return committed.entrySet().stream()
                .mapToLong(e -> Math.max(0, ends.getOrDefault(e.getKey(), e.getValue()) - e.getValue())).sum();
    }

    /**
     * The age of the oldest record not yet committed, over the partitions that are behind; 0 when none is. A
     * timestamp that could not be read counts for nothing rather than for a guess.
     */
    static long timeLagMillis(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
            Map<TopicPartition, Map<Long, Long>> timestamps, long nowMillis) {
        return committed.entrySet().stream()
                .filter(e -> ends.getOrDefault(e.getKey(), e.getValue()) > e.getValue())
                .map(e -> timestamps.getOrDefault(e.getKey(), Map.of()).get(e.getValue()))
                .filter(Objects::nonNull)
                .mapToLong(t -> Math.max(0, nowMillis - t)).max().orElse(0);
    }

    /** For each partition, the committed offsets (of any group) that are behind its end. */
    private static Map<TopicPartition, Set<Long>> behind(Map<String, Map<TopicPartition, Long>> positions,
            Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Set<Long>> behind = new HashMap<>();
        positions.values().forEach(at -> at.forEach((partition, offset) -> {
            if (ends.getOrDefault(partition, offset) > offset) {
                behind.computeIfAbsent(partition, p -> new HashSet<>()).add(offset);
            }
        }));
        return behind;
    }

    /**
     * The timestamp of the record at each offset. A consumer holds one position per partition, so partitions that
     * several groups are behind on take one round per group.
     */
    private Map<TopicPartition, Map<Long, Long>> timestampsAt(Map<TopicPartition, Set<Long>> wanted) {
        Map<TopicPartition, Map<Long, Long>> found = new HashMap<>();
        Map<TopicPartition, Set<Long>> left = new HashMap<>();
        wanted.forEach((partition, offsets) -> left.put(partition, new HashSet<>(offsets)));
        long deadline = System.nanoTime() + TIMESTAMP_BUDGET.toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Map<TopicPartition, Long> round = new HashMap<>();
            left.forEach((partition, offsets) -> round.put(partition, offsets.iterator().next()));
            reader.assign(round.keySet());
            reader.resume(reader.paused());
            round.forEach(reader::seek);
            Set<TopicPartition> pending = new HashSet<>(round.keySet());
            while (!pending.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : reader.poll(Duration.ofMillis(100))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (pending.remove(partition)) {
                        found.computeIfAbsent(partition, p -> new HashMap<>()).put(round.get(partition),
                                record.timestamp());
                        reader.pause(Set.of(partition));
                    }
                }
            }
            round.forEach((partition, offset) -> {
                Set<Long> offsets = left.get(partition);
                offsets.remove(offset);
                if (offsets.isEmpty()) {
                    left.remove(partition);
                }
            });
        }
        reader.unsubscribe();
        return found;
    }

    private static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + CALL_TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading consumer lag", e);
        }
    }

    @Override
    public void close() {
        reader.close();
        admin.close(Duration.ofSeconds(2));
    }
}
