package dev.switchboard.analytics.deadletters;

import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * Lists the records of a dead-letter topic with the failure that sent them there, and replays a chosen one onto the
 * topic it came from, once: the replay is recorded (dead_letter_replays) before it is sent, so asking again sends
 * nothing. The replayed record keeps its key (so its conversation's partition), value and headers, without the
 * dead-letter headers and with {@value #REPLAYED_FROM}.
 */
class DeadLetters {

    static final String REPLAYED_FROM = "switchboard-replayed-from";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** One dead letter; {@code replayedAt} is null until it was replayed. */
    record DeadLetter(String topic, int partition, long offset, Instant deadLetteredAt, String key,
            String originalTopic, String exception, String message, Instant replayedAt) {
    }

    /** What a replay did: {@code replayed} false when it had been replayed before (nothing was sent again). */
    record Replay(String topic, int partition, long offset, String replayedTo, boolean replayed,
            Instant replayedAt, String replayedBy) {
    }

    static final class UnknownTopicException extends RuntimeException {

        UnknownTopicException(String topic) {
            super("topic " + topic + " is not a dead-letter topic of the catalogue (one of "
                    + Topics.ALL.stream().map(Topic::deadLetterTopic).toList() + ")");
        }
    }

    static final class NoSuchDeadLetterException extends RuntimeException {

        NoSuchDeadLetterException(String topic, int partition, long offset) {
            super("no dead letter at " + topic + "-" + partition + "@" + offset);
        }
    }

    private final Map<String, Object> kafka;
    private final DatabaseClient db;
    private final Clock clock;

    DeadLetters(Map<String, Object> kafka, DatabaseClient db, Clock clock) {
        this.kafka = Map.copyOf(kafka);
        this.db = db;
        this.clock = clock;
    }

    /** The oldest {@code limit} records of a dead-letter topic (blocking: subscribe off the event loop). */
    Mono<List<DeadLetter>> list(String topic, int limit) {
        Topic original = originalOf(topic);
        return Mono.fromCallable(() -> read(topic, original, limit)).flatMap(letters -> replays(topic)
                .map(replayed -> letters.stream().map(l -> new DeadLetter(l.topic(), l.partition(), l.offset(),
                        l.deadLetteredAt(), l.key(), l.originalTopic(), l.exception(), l.message(),
                        replayed.get(l.partition() + "@" + l.offset()))).toList()));
    }

    /** Replays one dead letter onto its original topic, unless it was replayed before (blocking, as list). */
    Mono<Replay> replay(String topic, int partition, long offset, String admin) {
        Topic original = originalOf(topic);
        // as PostgreSQL keeps it, so the answer of a second replay names the same instant
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return db.sql("""
                        insert into dead_letter_replays (topic, partition_no, record_offset, replayed_to, replayed_by,
                            replayed_at) values (:topic, :partition, :offset, :to, :by, :at)
                        on conflict do nothing""")
                .bind("topic", topic).bind("partition", partition).bind("offset", offset)
                .bind("to", original.name()).bind("by", admin).bind("at", OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .flatMap(inserted -> inserted == 0 ? earlier(topic, partition, offset)
                        : Mono.fromCallable(() -> send(topic, partition, offset, original, admin, now))
                                // not sent: forget the replay so that it can be asked for again
                                .onErrorResume(e -> forget(topic, partition, offset).then(Mono.error(e))));
    }

    private Replay send(String topic, int partition, long offset, Topic original, String admin, Instant now)
            throws InterruptedException, ExecutionException, TimeoutException {
        ConsumerRecord<byte[], byte[]> record = readOne(topic, partition, offset)
                .orElseThrow(() -> new NoSuchDeadLetterException(topic, partition, offset));
        ProducerRecord<byte[], byte[]> replayed = new ProducerRecord<>(original.name(), record.key(), record.value());
        for (Header header : record.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-")) {
                replayed.headers().add(header);
            }
        }
        replayed.headers().add(REPLAYED_FROM, (topic + "-" + partition + "@" + offset).getBytes(StandardCharsets.UTF_8));
        try (Producer<byte[], byte[]> producer = RawClients.producer(kafka)) {
            producer.send(replayed).get(READ_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        log.warn("dead letter {}-{}@{} replayed onto {} by {}", topic, partition, offset, original.name(), admin);
        return new Replay(topic, partition, offset, original.name(), true, now, admin);
    }

    private Mono<Replay> earlier(String topic, int partition, long offset) {
        return db.sql("""
                        select replayed_to, replayed_by, replayed_at from dead_letter_replays
                        where topic = :topic and partition_no = :partition and record_offset = :offset""")
                .bind("topic", topic).bind("partition", partition).bind("offset", offset)
                .map(row -> new Replay(topic, partition, offset, row.get("replayed_to", String.class), false,
                        row.get("replayed_at", OffsetDateTime.class).toInstant(), row.get("replayed_by", String.class)))
                .one();
    }

    private Mono<Void> forget(String topic, int partition, long offset) {
        return db.sql("delete from dead_letter_replays where topic = :topic and partition_no = :partition "
                        + "and record_offset = :offset")
                .bind("topic", topic).bind("partition", partition).bind("offset", offset).then();
    }

    private Mono<Map<String, Instant>> replays(String topic) {
        return db.sql("select partition_no, record_offset, replayed_at from dead_letter_replays where topic = :topic")
                .bind("topic", topic)
                .map(row -> Map.entry(row.get("partition_no", Integer.class) + "@" + row.get("record_offset", Long.class),
                        row.get("replayed_at", OffsetDateTime.class).toInstant()))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    private static Topic originalOf(String deadLetterTopic) {
        return Topics.ALL.stream().filter(t -> t.deadLetterTopic().equals(deadLetterTopic)).findFirst()
                .orElseThrow(() -> new UnknownTopicException(deadLetterTopic));
    }

    private List<DeadLetter> read(String topic, Topic original, int limit) {
        List<DeadLetter> letters = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = RawClients.consumer(kafka)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (letters.size() < limit && partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (letters.size() < limit) {
                        letters.add(deadLetter(record, original));
                    }
                }
            }
        }
        return letters;
    }

    private Optional<ConsumerRecord<byte[], byte[]>> readOne(String topic, int partition, long offset) {
        try (Consumer<byte[], byte[]> consumer = RawClients.consumer(kafka)) {
            TopicPartition at = new TopicPartition(topic, partition);
            consumer.assign(List.of(at));
            consumer.seek(at, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline && consumer.position(at) <= offset
                    && offset < consumer.endOffsets(List.of(at), READ_TIMEOUT).get(at)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                }
            }
            return Optional.empty();
        } catch (IllegalArgumentException | KafkaException e) {
            return Optional.empty();
        }
    }

    private static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record, Topic original) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()),
                record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC).orElse(original.name()),
                header(record, KafkaHeaders.DLT_EXCEPTION_FQCN).orElse(null),
                header(record, KafkaHeaders.DLT_EXCEPTION_MESSAGE).orElse(null), null);
    }

    private static Optional<String> header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? Optional.empty() : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
