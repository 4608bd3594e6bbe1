package dev.switchboard.platform.kafka;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaUtils;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Handles the records of one poll for a batch listener without one broker round trip per record: each record runs in
 * order, in its own observation (its trace continues from the {@code traceparent} header) and log context, and its
 * sends are only collected; the call returns once every send is acknowledged. The container commits the poll's
 * offsets after that, so an offset is never committed before what its record caused is durable (at-least-once).
 *
 * <p>A record that fails is named to the error handler with {@link BatchListenerFailedException}, after the sends of
 * the records before it are acknowledged: those are committed, and only it and those after it are retried (then
 * dead-lettered) — the same guarantees a record listener gives.
 */
public class RecordBatches {

    private final ObservationRegistry observations;
    private final Duration sendTimeout;
    private final MeterRegistry meters;
    private final Map<String, TopicMeters> metersByTopic = new ConcurrentHashMap<>();

    public RecordBatches(ObservationRegistry observations, MeterRegistry meters, Duration sendTimeout) {
        this.observations = observations;
        this.meters = meters;
        this.sendTimeout = sendTimeout;
    }

    /** What a handler returns for a record that emitted nothing. */
    public static CompletableFuture<Void> nothingSent() {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * One record at a time in order; the handler returns the future of what the record emitted (a completed one when
     * it emitted nothing).
     */
    public <T> void inOrder(List<ConsumerRecord<String, T>> records, Function<T, CompletableFuture<?>> handler) {
        arrived(records);
        List<CompletableFuture<?>> sends = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, T> record = records.get(i);
            try {
                T value = decoded(record, i);
                sends.add(observed(record, () -> timed(List.of(record), () -> handler.apply(value))));
            } catch (RuntimeException e) {
                awaitAll(sends);
                throw failed(e, i);
            }
        }
        awaitAll(sends);
    }

    /**
     * All the poll's values at once through {@code unit} (one database transaction, say), whose results go in the
     * same order to {@code each}, which runs per record in its observation and returns what that record emitted. When
     * the unit fails, the records go through it one at a time, so that only the record at fault is retried and
     * dead-lettered.
     */
    public <T, R> void together(List<ConsumerRecord<String, T>> records, Function<List<T>, List<R>> unit,
            BiFunction<T, R, CompletableFuture<?>> each) {
        arrived(records);
        List<T> values = new ArrayList<>(records.size());
        int undecodable = -1;
        for (int i = 0; i < records.size() && undecodable < 0; i++) {
            if (records.get(i).value() == null) {
                undecodable = i;
            } else {
                values.add(records.get(i).value());
            }
        }
        List<R> results;
        try {
            results = timed(records.subList(0, values.size()), () -> unit.apply(values));
        } catch (RuntimeException whole) {
            oneByOne(records.subList(0, values.size()), unit, each);
            results = null;
        }
        if (results != null) {
            List<CompletableFuture<?>> sends = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                T value = values.get(i);
                R result = results.get(i);
                sends.add(observed(records.get(i), () -> each.apply(value, result)));
            }
            awaitAll(sends);
        }
        if (undecodable >= 0) {
            throw failed(undecodableCause(records.get(undecodable)), undecodable);
        }
    }

    private <T, R> void oneByOne(List<ConsumerRecord<String, T>> records, Function<List<T>, List<R>> unit,
            BiFunction<T, R, CompletableFuture<?>> each) {
        for (int i = 0; i < records.size(); i++) {
            T value = records.get(i).value();
            try {
                CompletableFuture<?> sent = observed(records.get(i),
                        () -> each.apply(value, unit.apply(List.of(value)).get(0)));
                awaitAll(List.of(sent), i);
            } catch (RuntimeException e) {
                throw failed(e, i);
            }
        }
    }

    private <T> T decoded(ConsumerRecord<String, T> record, int index) {
        if (record.value() == null) {
            throw failed(undecodableCause(record), index);
        }
        return record.value();
    }

    private static RuntimeException undecodableCause(ConsumerRecord<String, ?> record) {
        RuntimeException cause = SerializationUtils.getExceptionFromHeader(record,
                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, null);
        return cause != null ? cause : new IllegalArgumentException("A record without a value");
    }

    private static BatchListenerFailedException failed(RuntimeException cause, int index) {
        return cause instanceof BatchListenerFailedException named ? named
                : new BatchListenerFailedException(cause.getMessage(), cause, index);
    }

    private <R> R observed(ConsumerRecord<String, ?> record, Supplier<R> work) {
        Observation observation = KafkaListenerObservation.LISTENER_OBSERVATION.observation(null,
                KafkaListenerObservation.DefaultKafkaListenerObservationConvention.INSTANCE,
                () -> new KafkaRecordReceiverContext(record, record.topic(), null, KafkaUtils.getConsumerGroupId(),
                        () -> null),
                observations);
        EventLogContext.enter(record.value());
        try {
            return observation.observe(work);
        } finally {
            EventLogContext.leave();
        }
    }

    /** Runs the work for these records and charges each an equal share of its time. */
    private <R> R timed(List<? extends ConsumerRecord<String, ?>> records, Supplier<R> work) {
        long started = System.nanoTime();
        try {
            return work.get();
        } finally {
            long each = (System.nanoTime() - started) / Math.max(1, records.size());
            for (ConsumerRecord<String, ?> record : records) {
                meters(record.topic()).processing().record(each, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void arrived(List<? extends ConsumerRecord<String, ?>> records) {
        if (records.isEmpty()) {
            return;
        }
        meters(records.get(0).topic()).batchSize().record(records.size());
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, ?> record : records) {
            meters(record.topic()).delay().record(Math.max(0, now - record.timestamp()), TimeUnit.MILLISECONDS);
        }
    }

    private TopicMeters meters(String topic) {
        return metersByTopic.computeIfAbsent(topic, name -> new TopicMeters(
                Timer.builder("switchboard.stage.processing")
                        .description("time a stage spent on one record, not counting the wait for its sends")
                        .tag("topic", name).publishPercentileHistogram().register(meters),
                Timer.builder("switchboard.stage.delay")
                        .description("how long a record waited in Kafka before this stage took it (time behind "
                                + "the head of the topic)")
                        .tag("topic", name).publishPercentileHistogram().register(meters),
                DistributionSummary.builder("switchboard.stage.batch.size").description("records handled per poll")
                        .tag("topic", name).register(meters)));
    }

    private record TopicMeters(Timer processing, Timer delay, DistributionSummary batchSize) {
    }

    private void awaitAll(List<CompletableFuture<?>> sends) {
        awaitAll(sends, 0);
    }

    /**
     * Waits for the sends in order, so the first that failed names its record and all before it are durable; the
     * first send belongs to the record at {@code firstIndex} of the poll.
     */
    private void awaitAll(List<CompletableFuture<?>> sends, int firstIndex) {
        long deadline = System.nanoTime() + sendTimeout.toNanos();
        for (int i = 0; i < sends.size(); i++) {
            int index = firstIndex + i;
            try {
                sends.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BatchListenerFailedException("Interrupted while publishing", e, index);
            } catch (ExecutionException e) {
                throw new BatchListenerFailedException("Publishing failed: " + e.getCause().getMessage(),
                        e.getCause(), index);
            } catch (TimeoutException e) {
                throw new BatchListenerFailedException("Kafka did not acknowledge within " + sendTimeout, e, index);
            }
        }
    }
}
