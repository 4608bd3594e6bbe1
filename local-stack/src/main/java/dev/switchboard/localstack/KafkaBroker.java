package dev.switchboard.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one), from the Kafka jars, in this
 * process. Its log directory is formatted once, so a restart keeps every topic and offset.
 */
final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /** Starts a broker listening on {@code bind} that tells its clients to reach it at {@code host}. */
    static KafkaBroker start(Path dataDir, String bind, String host, int port, int controllerPort) {
        Path logDir = dataDir.resolve("kafka");
        Properties props = config(logDir, bind, host, port, controllerPort);
        format(props, logDir);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, host + ":" + port);
    }

    static Properties config(Path logDir, String bind, String host, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        // only the broker itself talks to its controller: that listener stays on the loopback address
        props.put("listeners", "PLAINTEXT://" + bind + ":" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logDir.toString());
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        // The cleaner of compacted topics (the consumer offsets, ours) keeps its key map on the heap, 128 MB by
        // default: a third of this process's memory at ready. 16 MB maps about 600,000 keys per pass, far more than
        // a local stack writes between passes.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return props;
    }

    /** Formats the log directory on first start only; a formatted one keeps its cluster id and data. */
    private static void format(Properties props, Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            Path config = Files.createTempFile("kafka-server", ".properties");
            try (var out = Files.newOutputStream(config)) {
                props.store(out, "local stack broker");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                    config.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
            Files.deleteIfExists(config);
            if (exit != 0) {
                throw new IllegalStateException("Formatting " + logDir + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare " + logDir, e);
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
