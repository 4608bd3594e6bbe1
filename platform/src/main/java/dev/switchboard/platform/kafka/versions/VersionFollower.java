package dev.switchboard.platform.kafka.versions;

import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
 * Makes this replica use the knowledge base version {@code knowledge.versions} announces. Every replica reads the
 * whole topic (its one partition assigned, no shared group), from its last record, which compaction keeps: the latest
 * announcement. The announced version's content is fetched from knowledge-service, checked against the announced
 * checksum and handed to the service's {@link KnowledgeBaseUser} (intent-service trains its classifier on it,
 * llm-fallback-service its guardrail's ordinary requests); all of that on a thread of its own, so the listener only
 * notes the announcement.
 *
 * <p>A version that cannot be loaded (knowledge-service down, a wrong checksum, a document that is not a knowledge base)
 * is logged, counted ({@code knowledge.base.version.loads{outcome=failed}}) and tried again with a growing wait,
 * until it loads or a newer announcement replaces it; the version in use stays in use meanwhile.
 *
 * <p>At start the version kept on disk, if any, is loaded first, so a replica starts when knowledge-service is down;
 * the announcements then bring it up to date.
 */
final class VersionFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VersionFollower.class);
    private static final String LISTENER = "knowledge-versions";
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(2);

    private final KnowledgeBaseUser user;
    private final VersionSource source;
    private final String sourceName;
    private final LastGoodVersion disk;
    private final KnowledgeServiceProperties properties;
    private final MeterRegistry meters;
    private final AtomicReference<KnowledgeBaseUser.Version> wanted = new AtomicReference<>();
    /** One thread: loads are never concurrent, and the fields below are only touched there. */
    private final ScheduledExecutorService loader = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "knowledge-versions");
        thread.setDaemon(true);
        return thread;
    });
    private ScheduledFuture<?> retry;
    private KnowledgeBaseUser.Version failing;
    private int failures;

    VersionFollower(KnowledgeBaseUser user, VersionSource source, String sourceName, LastGoodVersion disk,
            KnowledgeServiceProperties properties, MeterRegistry meters) {
        this.user = user;
        this.source = source;
        this.sourceName = sourceName;
        this.disk = disk;
        this.properties = properties;
        this.meters = meters;
        Gauge.builder("knowledge.base.version.in.use", user,
                        u -> u.inUse().map(version -> (double) version.versionId()).orElse(Double.NaN))
                .description("the knowledge base version this replica uses").register(meters);
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
            user.use(new KnowledgeBaseUser.Version(version.versionId(), version.label(), version.checksum()),
                    version.content());
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
        follow(new KnowledgeBaseUser.Version(latest.getVersionId(), latest.getLabel(), latest.getChecksum()));
    }

    /** Notes the announcement and loads it off the caller's thread. */
    void follow(KnowledgeBaseUser.Version announced) {
        wanted.set(announced);
        loader.execute(this::loadWanted);
    }

    private void loadWanted() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
        KnowledgeBaseUser.Version target = wanted.get();
        Optional<KnowledgeBaseUser.Version> serving = user.inUse();
        if (serving.filter(s -> s.versionId() == target.versionId() && s.checksum().equals(target.checksum()))
                .isPresent()) {
            log.debug("knowledge base version {} is already in use", target.versionId());
            failing = null;
            return;
        }
        long started = System.nanoTime();
        try {
            byte[] content = fetch(target);
            use(target, content);
            disk.keep(new LastGoodVersion.Kept(target.versionId(), target.label(), target.checksum(), content));
            failing = null;
            count("loaded", "none");
            if (serving.isEmpty()) {
                log.info("Started on knowledge base version {} ({}) from {}, in {} ms", target.versionId(),
                        target.label(), sourceName, (System.nanoTime() - started) / 1_000_000);
            } else {
                log.info("Knowledge base version {} ({}) is in use here now, was {}; loaded in {} ms",
                        target.versionId(), target.label(), serving.get().versionId(),
                        (System.nanoTime() - started) / 1_000_000);
            }
        } catch (LoadFailure e) {
            retryLater(target, e.reason, e.getMessage(), serving);
        } catch (RuntimeException e) {
            retryLater(target, "fetch", e.toString(), serving);
        }
    }

    private byte[] fetch(KnowledgeBaseUser.Version target) {
        byte[] content = source.content(target.versionId());
        String actual = Sha256.hex(content);
        if (!actual.equals(target.checksum())) {
            throw new LoadFailure("checksum", "the content has checksum " + actual + ", announced " + target.checksum());
        }
        return content;
    }

    private void use(KnowledgeBaseUser.Version version, byte[] content) {
        try {
            user.use(version, content);
        } catch (RuntimeException e) {
            throw new LoadFailure("invalid", e.toString());
        }
    }

    private void retryLater(KnowledgeBaseUser.Version target, String reason, String why,
            Optional<KnowledgeBaseUser.Version> serving) {
        failures = target.equals(failing) ? failures + 1 : 1;
        failing = target;
        Duration wait = backoff(failures, properties.retryFirst(), properties.retryMax());
        count("failed", reason);
        log.warn("Knowledge base version {} cannot be loaded ({}: {}), {}; trying again in {} (attempt {})",
                target.versionId(), reason, why, serving.map(s -> "still using version " + s.versionId())
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
        Counter.builder("knowledge.base.version.loads")
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
