package dev.switchboard.platform.kafka;

import dev.switchboard.schemas.Topic;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** Publishes events to the topics of the catalogue, refusing an event type the topic does not carry. */
public class EventPublisher {

    private final KafkaTemplate<String, SpecificRecord> template;
    private final Duration sendTimeout;
    private final Rehearsals rehearsals;

    public EventPublisher(KafkaTemplate<String, SpecificRecord> template, Duration sendTimeout, Rehearsals rehearsals) {
        this.template = template;
        this.sendTimeout = sendTimeout;
        this.rehearsals = rehearsals;
    }

    /** Sends keyed by conversation, so every event of a conversation stays in order. */
    public CompletableFuture<Void> publish(Topic topic, String conversationId, SpecificRecord event) {
        return send(new ProducerRecord<>(topic.name(), conversationId, checked(topic, event)));
    }

    /** Sends to the reply partition of the gateway instance that holds the client. */
    public CompletableFuture<Void> reply(Topic topic, int partition, String conversationId, SpecificRecord event) {
        if (partition < 0 || partition >= topic.partitions()) {
            throw new IllegalArgumentException(
                    "replyTo " + partition + " is outside the " + topic.partitions() + " partitions of " + topic.name());
        }
        return send(new ProducerRecord<>(topic.name(), partition, conversationId, checked(topic, event)));
    }

    /**
     * Waits for the broker's acknowledgement; listeners call this so that their offset is only committed once what
     * they emitted is durable (at-least-once).
     */
    public void await(CompletableFuture<Void> sent) {
        try {
            sent.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge within " + sendTimeout, e);
        }
    }

    private CompletableFuture<Void> send(ProducerRecord<String, SpecificRecord> record) {
        rehearsals.mark(record);
        return template.send(record).thenApply(result -> null);
    }

    private static SpecificRecord checked(Topic topic, SpecificRecord event) {
        if (!topic.carries(event.getClass())) {
            throw new IllegalArgumentException(topic.name() + " does not carry " + event.getClass().getSimpleName());
        }
        return event;
    }
}
