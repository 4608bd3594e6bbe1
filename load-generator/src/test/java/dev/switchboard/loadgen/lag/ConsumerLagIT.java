package dev.switchboard.loadgen.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class ConsumerLagIT {

    private static final String TOPIC = "chat.inbound";

    static EmbeddedKafkaKraftBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 1, TOPIC);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @Test
    void aGroupThatCommittedFortyOfAHundredRecordsIsSixtyBehindAndAsOldAsItsFirstUncommittedRecord() {
        // Given 100 records written 5 s ago, a millisecond apart
        long start = endOffset();
        long writtenAt = System.currentTimeMillis() - 5_000;
        produce(100, writtenAt);
        // And a group "chat-service" that has committed the first 40
        commit("chat-service", start + 40);

        // When the lag is sampled
        Map<String, GroupLag> lag;
        try (ConsumerLag consumerLag = new ConsumerLag(broker.getBrokersAsString())) {
            lag = consumerLag.sample();
        }

        // Then the group is 60 records behind, and as far behind in time as record 40 is old
        assertThat(lag).containsOnlyKeys("chat-service");
        assertThat(lag.get("chat-service").offsetLag()).isEqualTo(60);
        assertThat(lag.get("chat-service").timeLagMs()).isGreaterThanOrEqualTo(5_000 - 40).isLessThan(60_000);
    }

    @Test
    void theSamplerReportsTheMostAGroupWasBehindAndHowLongItTookToCatchUp() {
        // Given a group 10 records behind
        produce(10, System.currentTimeMillis());
        commit("analytics-service", endOffset() - 10);

        // When the sampler starts as the load ends, and the group then catches up
        LagReport report;
        try (ConsumerLag consumerLag = new ConsumerLag(broker.getBrokersAsString())) {
            long now = System.nanoTime();
            LagSampler sampler = new LagSampler(consumerLag, now, now);
            commit("analytics-service", endOffset());
            report = sampler.drain(Duration.ofSeconds(20));
        }

        // Then the report holds its maximum lag, and the time it took to drain
        assertThat(report.failedSamples()).isZero();
        assertThat(report.maxByGroup().get("analytics-service").offsetLag()).isEqualTo(10);
        assertThat(report.drainSeconds()).isNotNull().isBetween(0.0, 20.0);
        assertThat(report.samples()).hasSizeGreaterThanOrEqualTo(2);
    }

    @AfterEach
    void forgetGroups() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
            admin.deleteConsumerGroups(groups).all().get();
        }
    }

    private static void produce(int records, long timestamp) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, 0, timestamp + i, "conversation", "message " + i));
            }
        }
    }

    private static long endOffset() {
        try (KafkaConsumer<String, String> consumer = consumer("probe")) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    private static void commit(String group, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer(group)) {
            consumer.commitSync(Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)));
        }
    }

    private static KafkaConsumer<String, String> consumer(String group) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return new KafkaConsumer<>(config);
    }
}
