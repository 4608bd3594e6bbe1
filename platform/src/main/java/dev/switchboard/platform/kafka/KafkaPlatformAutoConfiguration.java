package dev.switchboard.platform.kafka;

import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.listener.adapter.RecordFilterStrategy;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring shared by every service: the publisher, the topics this service owns (with their dead-letter topics),
 * retries until a dependency that is away comes back, and bounded retries of poison records that end in
 * {@code <topic>.dlt} with the failure in headers.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaPlatformProperties.class)
public class KafkaPlatformAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaPlatformAutoConfiguration.class);

    @Bean
    EventPublisher eventPublisher(KafkaTemplate<String, SpecificRecord> template, KafkaPlatformProperties properties,
            Rehearsals rehearsals) {
        return new EventPublisher(template, properties.sendTimeout(), rehearsals);
    }

    @Bean
    Rehearsals rehearsals(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new Rehearsals(registry);
    }

    /** Boot sets it on the listener factory: no listener handles another process's rehearsal (see {@link Rehearsals}). */
    @Bean
    RecordFilterStrategy<Object, Object> othersRehearsals(Rehearsals rehearsals) {
        return rehearsals::foreign;
    }

    @Bean
    RecordBatches recordBatches(ObservationRegistry observations, MeterRegistry meters,
            KafkaPlatformProperties properties) {
        return new RecordBatches(observations, meters, properties.sendTimeout());
    }

    /**
     * Offsets are committed without waiting for the broker's answer: a listener returns only once what its records
     * caused is durable, so a lost commit means a redelivery (which consumers dedupe), never a loss; waiting would add
     * a broker round trip to every poll. The container's own timer is off: it times a whole poll under the name
     * that {@link RecordBatches}' per-record observations use, with other tags, so Prometheus refused one of the two.
     *
     * <p>With an instance id, every subscribing container is a static member of its group ({@code group.instance.id},
     * spring-kafka appends {@code -n} per consumer of a concurrent container): a restarted instance gets its partitions
     * back at once instead of after the session timeout of its dead predecessor, and the others are not rebalanced.
     * Containers with assigned partitions (the gateway's reply partition) are in no group and get none.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> containers(
            KafkaPlatformProperties properties, ConsumersJoined consumersJoined) {
        return container -> {
            ContainerProperties containerProperties = container.getContainerProperties();
            containerProperties.setSyncCommits(false);
            containerProperties.setMicrometerEnabled(false);
            // a SIGTERM finishes the poll in flight and commits it (spring.kafka.listener.immediate-stop is false):
            // give it the time a busy poll may need, within Kubernetes' 30 s of grace
            containerProperties.setShutdownTimeout(properties.shutdownTimeout().toMillis());
            consumersJoined.track(container);
            if (!properties.instanceId().isBlank() && containerProperties.getTopicPartitions() == null) {
                // the broker accepts only ASCII alphanumerics, '.', '_' and '-' (a default listener id has a '#')
                String instance = (properties.instanceId() + "." + container.getListenerId())
                        .replaceAll("[^A-Za-z0-9._-]", "_");
                containerProperties.getKafkaConsumerProperties().setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                        instance);
            }
        };
    }

    /** Readiness waits until every consumer has joined its group (see {@link ConsumersJoined}). */
    @Bean
    ConsumersJoined kafkaConsumersJoined(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new ConsumersJoined(registry);
    }

    /** Readiness waits until the producer is connected (see {@link ProducerConnected}). */
    @Bean
    ProducerConnected kafkaProducerConnected(KafkaTemplate<String, SpecificRecord> template, KafkaAdmin admin) {
        return new ProducerConnected(template, admin);
    }

    @Bean
    FailureReplies failureReplies(EventPublisher publisher, @Value("${spring.application.name}") String service) {
        return new FailureReplies(publisher, service);
    }

    /** The event's correlation fields in every log line a listener writes (Boot hands it to the listener factory). */
    @Bean
    @ConditionalOnMissingBean(RecordInterceptor.class)
    EventLogContext eventLogContext() {
        return new EventLogContext();
    }

    /** Brokers do not auto-create topics: each service creates the ones it owns. */
    @Bean
    KafkaAdmin.NewTopics ownedTopics(@Value("${spring.application.name}") String service) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topic topic : Topics.ownedBy(service)) {
            TopicBuilder builder = TopicBuilder.name(topic.name()).partitions(topic.partitions());
            topics.add((topic.compacted() ? builder.compact() : builder).build());
            // same partition count, so a dead letter keeps the partition of the record it came from
            topics.add(TopicBuilder.name(topic.deadLetterTopic()).partitions(topic.partitions()).build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    CommonErrorHandler kafkaErrorHandler(KafkaOperations<String, SpecificRecord> template,
            KafkaPlatformProperties properties, ObjectProvider<FailureReplies> failureReplies) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, record.partition()));
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryBackoff().toMillis(), 2.0);
        backOff.setMaxAttempts(properties.retries());
        // a dependency that is away (database, broker) comes back: wait for it rather than dead-letter good records
        ExponentialBackOff untilBack = new ExponentialBackOff(properties.retryBackoff().toMillis(), 2.0);
        untilBack.setMaxInterval(properties.transientMaxBackoff().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, exception) -> {
            log.error("Giving up on {}-{}@{} after retries, sending it to {}.dlt: {}", record.topic(),
                    record.partition(), record.offset(), record.topic(), rootMessage(exception));
            deadLetters.accept(record, exception);
            if (properties.replyOnFailure() && record.value() instanceof SpecificRecord event) {
                failureReplies.getObject().answer(event, exception);
            }
        }, backOff);
        handler.setBackOffFunction((record, exception) -> {
            if (!DeliveryFailures.isTransient(exception)) {
                return null; // poison: the bounded back-off, then the dead-letter topic
            }
            log.warn("{}-{}@{} waits for a dependency to come back, retrying: {}", record.topic(), record.partition(),
                    record.offset(), rootMessage(exception));
            return untilBack;
        });
        // a record that failed for a dependency and then for itself (or the reverse) starts its count again
        handler.setResetStateOnExceptionChange(true);
        // a record that cannot be decoded will never succeed: dead-letter it at once
        handler.addNotRetryableExceptions(DeserializationException.class, IllegalArgumentException.class);
        return handler;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

}
