package dev.switchboard.analytics.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@AnalyticsServiceTest
class DeadLetterWatchIT {

    @Autowired
    DeadLetterWatch watch;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void deadLettersAreCountedWithTheAgeOfTheOldestAndAnEmptyTopicReportsNone() throws Exception {
        // Given two dead-letter topics: chat.classified's with two poison records, one an hour old, and feedback's empty
        String poisoned = Topics.CHAT_CLASSIFIED.deadLetterTopic();
        String empty = Topics.FEEDBACK_EVENTS.deadLetterTopic();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            admin.createTopics(List.of(new NewTopic(poisoned, 3, (short) 1), new NewTopic(empty, 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
        long anHourAgo = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            producer.send(new ProducerRecord<>(poisoned, 0, anHourAgo, null, "not avro".getBytes())).get();
            producer.send(new ProducerRecord<>(poisoned, 2, null, "nor this".getBytes())).get();
        }

        // When the watch scans
        watch.scan();

        // Then the poisoned topic reports two dead letters, the oldest an hour old, and the empty one none
        assertThat(meters.get("kafka.dead.letters").tag("topic", poisoned).gauge().value()).isEqualTo(2);
        assertThat(meters.get("kafka.dead.letters.oldest.age.seconds").tag("topic", poisoned).gauge().value())
                .isBetween(3_600.0, 3_900.0);
        assertThat(meters.get("kafka.dead.letters").tag("topic", empty).gauge().value()).isZero();
        assertThat(meters.get("kafka.dead.letters.oldest.age.seconds").tag("topic", empty).gauge().value()).isZero();
        // and a dead-letter topic nobody has created yet is not reported
        assertThat(meters.find("kafka.dead.letters").tag("topic", Topics.CHAT_REPLY_CHUNKS.deadLetterTopic())
                .gauge()).isNull();
    }
}
