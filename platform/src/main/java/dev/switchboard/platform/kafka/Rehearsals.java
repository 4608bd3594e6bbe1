package dev.switchboard.platform.kafka;

import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.schemas.Events;
import dev.switchboard.schemas.Topic;
import dev.switchboard.schemas.kafka.EventDeserializer;
import dev.switchboard.schemas.kafka.EventSerializer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Rehearsals of a listener before the service reports ready: one made-up event goes through the listener exactly as a
 * polled record would (encoded and decoded by the events' serde, through the container's listener adapter, filter,
 * observation and the listener's own code, its sends acknowledged by the broker), so the first customer message does
 * not pay for the path's first run (class loading, interpreted code, the broker's first appends).
 *
 * <p>No one but the rehearsing process sees a rehearsal. Its record and whatever it causes carry the header
 * {@value #HEADER} with this process's rehearsal id (random per start); every listener of every process drops a record
 * whose mark is not its own ({@link #foreign}, the listener factories' record filter), so no store, projection, count
 * of analytics or reply waiter sees it. The rehearsing service's own meters do count it, once per start.
 */
public class Rehearsals {

    /** The header that marks a rehearsal's records; its value is the rehearsing process's id. */
    public static final String HEADER = "switchboard-rehearsal";
    /** Whose messages rehearsals are, in every event's userId. */
    public static final String USER_ID = "switchboard-rehearsal";

    private static final Logger log = LoggerFactory.getLogger(Rehearsals.class);

    private final byte[] mark = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    /** The messageIds of rehearsals under way: what is published for them is marked, from whichever thread. */
    private final Set<String> underWay = ConcurrentHashMap.newKeySet();
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
    private final EventSerializer serializer = new EventSerializer();
    private final EventDeserializer deserializer = new EventDeserializer();

    public Rehearsals(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.registry = registry;
    }

    /**
     * The readiness warm-up that rehearses listener {@code listenerId} on a record of {@code topic} built by
     * {@code event} from a fresh rehearsal envelope. It runs after the service's other warm-ups (its model loaded,
     * its producer connected).
     */
    public WarmUp warmUp(String listenerId, Topic topic, Function<Envelope, ? extends SpecificRecord> event) {
        return warmUp("listener " + listenerId + " on a made-up " + topic.name() + " record", messageId ->
                rehearse(listenerId, topic, event.apply(new Envelope(messageId, messageId, USER_ID, 0, Instant.now()))));
    }

    /**
     * The readiness warm-up that runs {@code rehearsal} on a fresh rehearsal messageId (see {@link #marking}), after
     * the service's other warm-ups.
     */
    public WarmUp warmUp(String what, Consumer<String> rehearsal) {
        return new Rehearsal(what, rehearsal);
    }

    /** A record marked by another process's rehearsal: no listener here handles it. */
    public boolean foreign(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(HEADER);
        return header != null && !Arrays.equals(header.value(), mark);
    }

    /** Marks a record about to be published when it belongs to a rehearsal under way. */
    void mark(ProducerRecord<String, SpecificRecord> record) {
        if (!underWay.isEmpty() && record.value() != null
                && underWay.contains(String.valueOf(Events.field(record.value(), "messageId")))) {
            record.headers().add(HEADER, mark);
        }
    }

    /**
     * Hands {@code event}, marked as this process's rehearsal, to listener {@code listenerId} as a poll would, and
     * returns once the listener has (with its sends acknowledged, for the platform's batch listeners).
     */
    public void rehearse(String listenerId, Topic topic, SpecificRecord event) {
        MessageListenerContainer container = registry.getObject().getListenerContainer(listenerId);
        if (container == null) {
            throw new IllegalStateException("There is no listener " + listenerId + " to rehearse");
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER, mark);
        byte[] encoded = serializer.serialize(topic.name(), event);
        ConsumerRecord<String, SpecificRecord> record = new ConsumerRecord<>(topic.name(), 0, 0,
                System.currentTimeMillis(), TimestampType.CREATE_TIME, -1, encoded.length,
                (String) Events.field(event, "conversationId"), deserializer.deserialize(topic.name(), headers, encoded),
                headers, Optional.empty());
        // as on the container's thread: the listener's observation tags its meters with the group, and Prometheus
        // refuses a meter whose tag keys differ from those of the first one registered under its name
        String group = container.getGroupId();
        if (group != null) {
            KafkaUtils.setConsumerGroupId(group);
        }
        try {
            marking(String.valueOf(Events.field(event, "messageId")),
                    () -> deliver(container.getContainerProperties().getMessageListener(), record));
        } finally {
            KafkaUtils.clearConsumerGroupId();
        }
    }

    /**
     * Runs {@code work} with everything published for message {@code messageId} meanwhile marked as this process's
     * rehearsal, from whichever thread it is sent: for a rehearsal that does not start at a listener.
     */
    public void marking(String messageId, Runnable work) {
        boolean added = underWay.add(messageId);
        try {
            work.run();
        } finally {
            if (added) {
                underWay.remove(messageId);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void deliver(Object listener, ConsumerRecord<String, SpecificRecord> record) {
        if (listener instanceof BatchMessageListener batch) {
            // a poll's list, which the record filter removes from
            batch.onMessage(new ArrayList<>(List.of(record)), null, null);
        } else if (listener instanceof MessageListener single) {
            single.onMessage(record, null, null);
        } else {
            throw new IllegalStateException("Cannot rehearse a " + listener.getClass().getName());
        }
    }

    private record Rehearsal(String what, Consumer<String> rehearsal) implements WarmUp, Ordered {

        @Override
        public void warmUp() {
            String messageId = "rehearsal-" + UUID.randomUUID();
            long started = System.nanoTime();
            rehearsal.accept(messageId);
            log.info("Rehearsed {} in {} ms (messageId={})", what, (System.nanoTime() - started) / 1_000_000,
                    messageId);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
