package dev.switchboard.knowledge.versions;

import dev.switchboard.events.KnowledgeBaseVersionPublished;
import dev.switchboard.knowledge.base.InvalidKnowledgeBaseException;
import dev.switchboard.knowledge.base.PublishedKnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retriever;
import dev.switchboard.platform.lifecycle.WarmUp;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.PartitionOffset;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes this replica serve the version {@code knowledge.versions} announces. Every replica reads the whole topic (its
 * one partition assigned, no shared group), starting from its last record, which compaction keeps: the latest
 * announcement. It loads the announced version from the database, checks its checksum, and swaps the retrieval index.
 *
 * <p>Readiness waits until this replica serves the active version, after announcing it if the topic does not name it
 * yet (the first import; a change whose commit failed after its announcement).
 */
@Component
class VersionFollower implements WarmUp {

    private static final Logger log = LoggerFactory.getLogger(VersionFollower.class);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final TopicPartition PARTITION = new TopicPartition(Topics.Names.KNOWLEDGE_VERSIONS, 0);

    private final KnowledgeVersions versions;
    private final Retriever retriever;
    private final ConsumerFactory<?, ?> consumers;
    private final MeterRegistry meters;
    private volatile boolean announced;

    VersionFollower(KnowledgeVersions versions, Retriever retriever, ConsumerFactory<?, ?> consumers,
            MeterRegistry meters) {
        this.versions = versions;
        this.retriever = retriever;
        this.consumers = consumers;
        this.meters = meters;
    }

    /** Only the latest announcement of a poll matters: the ones before it were replaced. */
    @KafkaListener(id = "knowledge-versions", groupId = "${spring.application.name}.versions", batch = "true",
            topicPartitions = @org.springframework.kafka.annotation.TopicPartition(
                    topic = Topics.Names.KNOWLEDGE_VERSIONS,
                    partitionOffsets = @PartitionOffset(partition = "0", initialOffset = "-1")))
    void on(List<ConsumerRecord<String, KnowledgeBaseVersionPublished>> records) {
        follow(records.get(records.size() - 1).value());
    }

    void follow(KnowledgeBaseVersionPublished announcement) {
        PublishedKnowledgeBase serving = retriever.active();
        if (announcement.getVersionId() == serving.versionId()) {
            log.debug("knowledge base version {} is already served", serving.versionId());
            return;
        }
        long started = System.nanoTime();
        PublishedKnowledgeBase version;
        try {
            version = versions.load(announcement.getVersionId(), announcement.getChecksum()).block(LOAD_TIMEOUT);
        } catch (KnowledgeVersions.UnknownVersionException | KnowledgeVersions.ChecksumMismatchException
                | InvalidKnowledgeBaseException e) {
            // a record that can never load: keep serving what this replica has, loudly (retrying cannot help)
            count("failed");
            log.error("knowledge base version {} announced by {} cannot be served, still serving {}: {}",
                    announcement.getVersionId(), announcement.getPublishedBy(), serving.versionId(), e.getMessage());
            return;
        }
        retriever.swap(version);
        count("swapped");
        log.info("knowledge base version {} ({}) serves here in {} ms, was {}{}", version.versionId(),
                version.knowledgeBase().version(), (System.nanoTime() - started) / 1_000_000, serving.versionId(),
                announcement.getRollback() ? " (a rollback)" : "");
    }

    @Override
    public void warmUp() {
        if (!announced) {
            versions.announceUnlessAnnounced(lastAnnounced()).block(LOAD_TIMEOUT);
            announced = true;
        }
        Long active = versions.activeId().block(LOAD_TIMEOUT);
        long serving = retriever.active().versionId();
        if (active == null || active != serving) {
            throw new IllegalStateException("serving knowledge base version " + serving + ", the active one is "
                    + active + ": waiting for its announcement to be followed");
        }
    }

    /** The version id of the topic's latest record, or null when there is none. */
    private Long lastAnnounced() {
        try (Consumer<?, ?> consumer = consumers.createConsumer(null, "versions-check", null,
                new Properties())) {
            consumer.assign(List.of(PARTITION));
            Map<TopicPartition, Long> end = consumer.endOffsets(List.of(PARTITION));
            if (end.get(PARTITION) == 0) {
                return null;
            }
            consumer.seek(PARTITION, end.get(PARTITION) - 1);
            for (int poll = 0; poll < 10; poll++) {
                ConsumerRecords<?, ?> records = consumer.poll(Duration.ofSeconds(1));
                for (ConsumerRecord<?, ?> record : records) {
                    if (record.value() instanceof KnowledgeBaseVersionPublished latest) {
                        return latest.getVersionId();
                    }
                }
            }
            throw new IllegalStateException("the last record of " + PARTITION + " could not be read");
        }
    }

    private void count(String outcome) {
        Counter.builder("knowledge.version.swaps").description("knowledge base versions this replica followed, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}
