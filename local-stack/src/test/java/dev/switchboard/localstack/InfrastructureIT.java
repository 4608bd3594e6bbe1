package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stack's Kafka and PostgreSQL: real servers whose state survives a restart on the same directory. */
class InfrastructureIT {

    @TempDir
    Path dataDir;

    @Test
    void postgresDoesNotStartWhereAnotherServerHoldsItsPort() throws IOException {
        // Given another process listening on PostgreSQL's port
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName(Options.LOOPBACK))) {
            int port = other.getLocalPort();

            // When the stack's PostgreSQL starts there, Then it refuses, naming the port, instead of taking the other
            // server for its own
            assertThatThrownBy(() -> Postgres.start(dataDir, Options.LOOPBACK, port, Service.databases()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining(Options.LOOPBACK + ":" + port)
                    .hasMessageContaining("taken by another process");
        }
    }

    @Test
    void kafkaAndPostgresKeepTheirStateAcrossARestart() throws Exception {
        int kafkaPort = freePort();
        int controllerPort = freePort();
        int postgresPort = freePort();

        // Given a first start where a topic gets a record and a database a row
        try (KafkaBroker kafka = KafkaBroker.start(dataDir, Options.LOOPBACK, Options.LOOPBACK, kafkaPort,
                controllerPort);
                Postgres postgres = Postgres.start(dataDir, Options.LOOPBACK, postgresPort,
                        Service.databases())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("restart.check", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers",
                    kafka.bootstrapServers()), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart.check", "k", "kept")).get();
            }
            for (String database : Service.databases()) {
                try (Connection c = connect(postgresPort, database); Statement s = c.createStatement()) {
                    s.execute("create table kept (v text)");
                    s.execute("insert into kept values ('" + database + "')");
                }
            }
        }

        // When both start again on the same data directory
        try (KafkaBroker kafka = KafkaBroker.start(dataDir, Options.LOOPBACK, Options.LOOPBACK, kafkaPort,
                controllerPort);
                Postgres postgres = Postgres.start(dataDir, Options.LOOPBACK, postgresPort,
                        Service.databases())) {

            // Then the topic still has its record
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("restart.check");
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers",
                    kafka.bootstrapServers(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                TopicPartition partition = new TopicPartition("restart.check", 0);
                consumer.assign(Set.of(partition));
                consumer.seekToBeginning(Set.of(partition));
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
                assertThat(records.records(partition)).extracting(r -> r.value()).containsExactly("kept");
            }
            // And every service database still has its row
            for (String database : Service.databases()) {
                try (Connection c = connect(postgresPort, database); Statement s = c.createStatement();
                        ResultSet rows = s.executeQuery("select v from kept")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo(database);
                }
            }
        }
    }

    private static Connection connect(int port, String database) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", "");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
