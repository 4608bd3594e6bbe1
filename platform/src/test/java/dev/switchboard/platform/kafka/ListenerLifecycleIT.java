package dev.switchboard.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A service's consumers across its process's life: a restarted instance gets its partitions back at once (static
 * group membership), and a SIGTERM (the context closing) finishes the poll in flight and commits it before exit.
 */
@EmbeddedKafka(brokerProperties = "auto.create.topics.enable=false")
class ListenerLifecycleIT {

    private static final String GROUP = "gateway-service";
    private static final TopicPartition INBOUND_0 = new TopicPartition(Topics.CHAT_INBOUND.name(), 0);

    @Test
    void aRestartedInstanceIsAStaticMemberAndGetsItsPartitionsBackAtOnce(EmbeddedKafkaBroker broker) throws Exception {
        // Given an instance named gateway-0 whose consumer has its partitions
        try (ConfigurableApplicationContext first = start(broker, "gateway-0")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> assigned(first));

            // Then it is a static member under its instance name and listener id
            assertThat(members(broker)).extracting(m -> m.groupInstanceId().orElse(null))
                    .containsExactly("gateway-0.drained-0");
        }

        // When the instance starts again (a closed static member stays in the group until its session times out)
        try (ConfigurableApplicationContext second = start(broker, "gateway-0")) {
            long started = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> assigned(second));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            System.out.printf("restarted static member assigned its partitions %d ms after its listener started%n",
                    tookMillis);

            // Then it took the place of its predecessor, well before the 15 s session timeout would have ended it
            assertThat(members(broker)).extracting(m -> m.groupInstanceId().orElse(null))
                    .containsExactly("gateway-0.drained-0");
            assertThat(tookMillis).isLessThan(10_000);
        }
    }

    @Test
    void aSigtermFinishesThePollInFlightAndCommitsItBeforeExit(EmbeddedKafkaBroker broker) throws Exception {
        // Given a service whose listener is in the middle of a poll of three records of one conversation
        ConfigurableApplicationContext context = start(broker, "");
        DrainedListener listener = context.getBean(DrainedListener.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> assigned(context));
        String conversation = UUID.randomUUID().toString();
        EventPublisher publisher = context.getBean(EventPublisher.class);
        List<String> ids = List.of(message(), message(), message());
        CompletableFuture.allOf(ids.stream().map(id -> publisher.publish(Topics.CHAT_INBOUND, conversation,
                new Envelope(id, conversation, "user-1", 0, Instant.now()).stamp(chatMessage()))).toArray(
                        CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(listener.started.await(30, TimeUnit.SECONDS)).isTrue();
        long committedBefore = committed(broker);

        // When the process is told to stop (Spring's shutdown hook closes the context) while the work is unfinished
        Thread shutdown = new Thread(context::close, "sigterm");
        shutdown.start();
        assertThat(listener.closing.await(10, TimeUnit.SECONDS)).isTrue();
        listener.release.countDown();
        shutdown.join(TimeUnit.SECONDS.toMillis(60));

        // Then every record of the poll in flight was finished, what each emitted is on its topic, and their offsets
        // are committed (records of a later poll, if any, stay uncommitted for the next instance)
        assertThat(shutdown.isAlive()).isFalse();
        List<String> inFlight = listener.inFlight;
        assertThat(inFlight).isNotEmpty().isEqualTo(ids.subList(0, inFlight.size()));
        assertThat(listener.handled).isEqualTo(inFlight);
        try (TopicRecorder replies = new TopicRecorder(broker.getBrokersAsString(), Topics.CHAT_REPLIES.name())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(replies.records())
                    .extracting(r -> ((ChatReplied) r.value()).getMessageId()).containsAll(inFlight));
        }
        assertThat(committed(broker)).isEqualTo(committedBefore + inFlight.size());
    }

    private static ConfigurableApplicationContext start(EmbeddedKafkaBroker broker, String instanceId) {
        // as arguments: above the platform's defaults, as a service's own settings are
        return new SpringApplicationBuilder(DrainedApp.class).run("--spring.application.name=" + GROUP,
                "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--switchboard.kafka.instance-id=" + instanceId, "--spring.main.web-application-type=none");
    }

    private static boolean assigned(ConfigurableApplicationContext context) {
        MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("drained");
        return container != null && container.getAssignedPartitions() != null
                && !container.getAssignedPartitions().isEmpty();
    }

    private static List<MemberDescription> members(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            return List.copyOf(group.members());
        }
    }

    private static long committed(EmbeddedKafkaBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(INBOUND_0.topic()))
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    private static String message() {
        return UUID.randomUUID().toString();
    }

    private static ChatMessageReceived chatMessage() {
        ChatMessageReceived message = new ChatMessageReceived();
        message.setContent("my internet is slow");
        message.setChannel("rest");
        return message;
    }

    /** No component scan: the other tests' applications in this package stay out. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class DrainedApp {

        @Bean
        DrainedListener drainedListener(RecordBatches batches, EventPublisher publisher) {
            return new DrainedListener(batches, publisher);
        }
    }

    /** Holds its first record until released, then forwards each record to the reply topic. */
    static class DrainedListener {

        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> handled = new CopyOnWriteArrayList<>();
        volatile List<String> inFlight = List.of();
        private final RecordBatches batches;
        private final EventPublisher publisher;

        DrainedListener(RecordBatches batches, EventPublisher publisher) {
            this.batches = batches;
            this.publisher = publisher;
        }

        @KafkaListener(id = "drained", idIsGroup = false, topics = "chat.inbound", batch = "true")
        void on(List<ConsumerRecord<String, ChatMessageReceived>> records) {
            if (inFlight.isEmpty()) {
                inFlight = records.stream().map(r -> r.value().getMessageId()).toList();
            }
            batches.inOrder(records, message -> {
                started.countDown();
                awaitRelease();
                handled.add(message.getMessageId());
                return RecordBatchesIT.answer(publisher, message);
            });
        }

        private void awaitRelease() {
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }

        @EventListener(ContextClosedEvent.class)
        void closing() {
            closing.countDown();
        }
    }
}
