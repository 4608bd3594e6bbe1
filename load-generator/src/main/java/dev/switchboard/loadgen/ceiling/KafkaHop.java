package dev.switchboard.loadgen.ceiling;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.schemas.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One HTTP → Kafka → HTTP hop, in this process: each POST to {@link #uri()} is produced to {@code bench.hop} (as many
 * partitions as chat.inbound, acks=all, no linger, as the services send) and answered when a consumer reads it back.
 * The topic is created at the start and deleted at the end.
 */
public final class KafkaHop implements AutoCloseable {

    static final String TOPIC = "bench.hop";

    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final HttpServer server;
    private final Map<String, HttpExchange> waiting = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

    public KafkaHop(String bootstrapServers) throws IOException {
        Properties common = new Properties();
        common.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        admin = Admin.create(common);
        int partitions = Topics.CHAT_INBOUND.partitions();
        createTopic(partitions);
        Properties producerConfig = new Properties();
        producerConfig.putAll(common);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        producer = new KafkaProducer<>(producerConfig);
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(common);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        consumer = new KafkaConsumer<>(consumerConfig);
        List<TopicPartition> assigned = IntStream.range(0, partitions)
                .mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
        consumer.assign(assigned);
        consumer.seekToEnd(assigned);
        // resolve the end offsets now, so no record produced from here on is skipped
        assigned.forEach(consumer::position);
        reader = new Thread(this::readBack, "kafka-hop-reader");
        reader.start();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hop", this::produce);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hop");
    }

    private void createTopic(int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(partitions), Optional.empty()))).all()
                    .get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + TOPIC + ": " + e.getCause().getMessage(), e);
            }
            // left over by an interrupted run: reused, and deleted at the end of this one
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not create " + TOPIC + " within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void produce(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = UUID.randomUUID().toString();
        waiting.put(id, exchange);
        producer.send(new ProducerRecord<>(TOPIC, id, body), (metadata, error) -> {
            if (error != null && waiting.remove(id) != null) {
                respond(exchange, 503, new byte[0]);
            }
        });
    }

    private void readBack() {
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                HttpExchange exchange = waiting.remove(record.key());
                if (exchange != null) {
                    respond(exchange, 200, record.value());
                }
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) {
        try {
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the client went away: its request is counted as unanswered there
        }
    }

    @Override
    public void close() {
        server.stop(0);
        running = false;
        try {
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
        producer.close(Duration.ofSeconds(5));
        try {
            admin.deleteTopics(List.of(TOPIC)).all().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("Could not delete " + TOPIC + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
