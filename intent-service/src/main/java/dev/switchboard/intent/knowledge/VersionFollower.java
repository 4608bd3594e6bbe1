package dev.switchboard.intent.knowledge;

import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.intent.classification.VersionedClassifier;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.annotation.TopicPartition;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Makes this replica classify with the knowledge base version {@code knowledge.versions} announces. Every replica
 * reads the whole topic (its one partition assigned, no shared group), from its last record, which compaction keeps:
 * the latest announcement. The announced version's content is fetched from knowledge-service, checked against the
 * announced checksum, and a classifier trained on it replaces the serving one; all of that on a thread of its own, so
 * the listener only notes the announcement.
 *
 * <p>A version that cannot be loaded (knowledge-service down, a wrong checksum, a document that is not a knowledge base)
 * is logged, counted ({@code intent.knowledge.version.swaps{outcome=failed}}) and tried again with a growing wait,
 * until it loads or a newer announcement replaces it; the serving classifier keeps serving meanwhile.
 *
 * <p>At start the version kept on disk, if any, is loaded first, so a replica starts when knowledge-service is down;
 * the announcements then bring it up to date.
 */
class VersionFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VersionFollower.class);
    private static final String LISTENER = "knowledge-versions";
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(2);

    /** What an announcement names. */
    record Announced(long versionId, String label, String checksum) {
    }

    private final VersionedClassifier classifier;
    private final VersionSource source;
    private final String sourceName;
    private final LastGoodVersion disk;
    private final KnowledgeServiceProperties properties;
    private final MeterRegistry meters;
    private final AtomicReference<Announced> wanted = new AtomicReference<>();
    /** One thread: loads are never concurrent, and the fields below are only touched there. */
    private final ScheduledExecutorService loader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "knowledge-versions");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> retry;
    private Announced failing;
    private int failures;

    VersionFollower(VersionedClassifier classifier, VersionSource source, String sourceName, LastGoodVersion disk,
            KnowledgeServiceProperties properties, MeterRegistry meters) {
        this.classifier = classifier;
        this.source = source;
        this.sourceName = sourceName;
        this.disk = disk;
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("intent.knowledge.version.active", classifier,
                        c -> c.current().map(loaded -> (double) loaded.versionId()).orElse(Double.NaN))
                .description("the knowledge base version this replica classifies with").register(meters);
    }

    /** Loads the version kept on disk, if there is one, on the caller's thread (start-up). */
    void startFromDisk() {
        Optional<LastGoodVersion.Kept> kept = disk.read();
        if (kept.isEmpty()) {
            log.info("No knowledge base version kept on disk{}: starting on the one knowledge.versions announces, "
                    + "from {}", disk.file() == null ? " (EMBEDDING_CACHE_DIR is not set)" : " in " + disk.file(),
                    sourceName);
            return;
        }
        LastGoodVersion.Kept version = kept.get();
        try {
            long started = System.nanoTime();
            classifier.load(version.versionId(), version.label(), version.checksum(), training(version.content()));
            log.info("Started on knowledge base version {} ({}) from the copy kept in {}, in {} ms",
                    version.versionId(), version.label(), disk.file(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.warn("Cannot start on the knowledge base kept in {} ({}); waiting for {}", disk.file(), e.toString(),
                    sourceName);
        }
    }

    /**
     * Reads {@code knowledge.versions} once it exists (knowledge-service creates it, and may start later): a consumer
     * assigned a partition of a topic that does not exist yet warns ten times a second, and after a minute gives up
     * seeking to the last record and reads from the oldest instead (seen with kafka-clients 4.1). Until then this
     * replica is not ready (its listener is not running).
     */
    @EventListener(ApplicationReadyEvent.class)
    void listenOnceTheTopicExists(ApplicationReadyEvent event) {
        KafkaAdmin admin = event.getApplicationContext().getBean(KafkaAdmin.class);
        MessageListenerContainer container = event.getApplicationContext().getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer(LISTENER);
        listenOnceTheTopicExists(admin, container);
    }

    /** Starts {@code container} once {@code admin} describes the topic, looking again every few seconds. */
    void listenOnceTheTopicExists(KafkaAdmin admin, MessageListenerContainer container) {
        loader.execute(() -> listenOnceTheTopicExists(admin, container, true));
    }

    private void listenOnceTheTopicExists(KafkaAdmin admin, MessageListenerContainer container, boolean first) {
        try {
            admin.describeTopics(Topics.Names.KNOWLEDGE_VERSIONS);
        } catch (RuntimeException e) {
            if (first) {
                log.info("{} cannot be described yet ({}; knowledge-service creates it); looking again every {} s",
                        Topics.Names.KNOWLEDGE_VERSIONS, e.toString(), TOPIC_CHECK.toSeconds());
            }
            loader.schedule(() -> listenOnceTheTopicExists(admin, container, false), TOPIC_CHECK.toMillis(),
                    TimeUnit.MILLISECONDS);
            return;
        }
        container.start();
    }

    /** Only the latest announcement of a poll matters: the ones before it were replaced. */
    @KafkaListener(id = LISTENER, groupId = "${spring.application.name}.versions", batch = "true",
            autoStartup = "false", topicPartitions = @TopicPartition(topic = Topics.Names.KNOWLEDGE_VERSIONS,
                    partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "-1")))
    void on(List<ConsumerRecord<String, KnowledgeBaseVersionPublished>> records) {
        KnowledgeBaseVersionPublished latest = records.get(records.size() - 1).value();
        follow(new Announced(latest.getVersionId(), latest.getLabel(), latest.getChecksum()));
    }

    /** Notes the announcement and loads it off the caller's thread. */
    void follow(Announced announced) {
        wanted.set(announced);
        loader.execute(this::loadWanted);
    }

    private void loadWanted() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        Announced target = wanted.get();
        Optional<VersionedClassifier.Loaded> serving = classifier.current();
        if (serving.filter(s -> s.versionId() == target.versionId() && s.checksum().equals(target.checksum()))
                .isPresent()) {
            log.debug("knowledge base version {} is already served", target.versionId());
            failing = null;
            return;
        }
        long started = System.nanoTime();
        try {
            byte[] content = fetch(target);
            VersionedClassifier.Loaded loaded = classifier.load(target.versionId(), target.label(), target.checksum(),
                    training(content));
            disk.keep(new LastGoodVersion.Kept(loaded.versionId(), loaded.label(), loaded.checksum(), content));
            failing = null;
            count("swapped", "none");
            if (serving.isEmpty()) {
                log.info("Started on knowledge base version {} ({}) from {}, in {} ms", target.versionId(),
                        target.label(), sourceName, (System.nanoTime() - started) / 1_000_000);
            } else {
                log.info("Knowledge base version {} ({}) classifies here now, was {}; trained in {} ms",
                        target.versionId(), target.label(), serving.get().versionId(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (LoadFailure e) {
            retryLater(target, e.reason, e.getMessage(), serving);
        } catch (RuntimeException e) {
            retryLater(target, "fetch", e.toString(), serving);
        }
    }

    private byte[] fetch(Announced target) {
        byte[] content = source.content(target.versionId());
        String actual = Sha256.hex(content);
        if (!actual.equals(target.checksum())) {
            throw new LoadFailure("checksum", "the content has checksum " + actual + ", announced " + target.checksum());
        }
        return content;
    }

    private static TrainingExamples training(byte[] content) {
        try {
            return TrainingExamples.fromJson(new String(content, StandardCharsets.UTF_8));
        } catch (IllegalStateException e) {
            throw new LoadFailure("invalid", e.getMessage());
        }
    }

    private void retryLater(Announced target, String reason, String why, Optional<VersionedClassifier.Loaded> serving) {
        failures = target.equals(failing) ? failures + 1 : 1;
        failing = target;
        Duration wait = backoff(failures, properties.retryFirst(), properties.retryMax());
        count("failed", reason);
        log.warn("Knowledge base version {} cannot be loaded ({}: {}), {}; trying again in {} (attempt {})",
                target.versionId(), reason, why, serving.map(s -> "still classifying with version " + s.versionId())
                        .orElse("no version is loaded yet"), wait, failures);
        retry = loader.schedule(this::loadWanted, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The wait after the {@code failures}th failure in a row: {@code first}, doubling, at most {@code max}. */
    static Duration backoff(int failures, Duration first, Duration max) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private void count(String outcome, String reason) {
        Counter.builder("intent.knowledge.version.swaps")
                .description("announced knowledge base versions this replica loaded, or failed to, by outcome and reason")
                .tag("outcome", outcome).tag("reason", reason).register(meters).increment();
    }

    @Override
    public void close() {
        loader.shutdownNow();
    }

    /** A version that could not be loaded, and why: {@code checksum} or {@code invalid} (else {@code fetch}). */
    private static final class LoadFailure extends RuntimeException {

        private final String reason;

        LoadFailure(String reason, String message) {
            super(message);
            this.reason = reason;
        }
    }
}
