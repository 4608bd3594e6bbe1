package dev.switchboard.intent.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.events.Agent;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.VersionedClassifier;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.unit.DataSize;

class VersionFollowerTest {

    private static final String DOCUMENT = KnowledgeServiceStandIn.BUNDLED;

    @TempDir
    Path cache;

    final Map<Long, byte[]> served = new ConcurrentHashMap<>();
    final AtomicInteger unreachableFor = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** Each version's classifier names its version, so a test sees which one classified. */
    final VersionedClassifier classifier = new VersionedClassifier((training, versionId) -> message ->
            new Classification("kb-" + versionId, Agent.general, 1, List.of(), "kb-" + versionId, new float[0],
                    List.of()));
    VersionFollower follower;

    VersionFollower follower() {
        VersionSource source = versionId -> {
            fetches.incrementAndGet();
            if (unreachableFor.getAndDecrement() > 0) {
                throw new IllegalStateException("Connection refused");
            }
            return served.get(versionId);
        };
        follower = new VersionFollower(classifier, source, "the stand-in", LastGoodVersion.in(cache.toString()),
                new KnowledgeServiceProperties("http://unused", Duration.ofSeconds(1), DataSize.ofMegabytes(4),
                        Duration.ofMillis(10), Duration.ofMillis(40)), meters);
        return follower;
    }

    @AfterEach
    void close() {
        if (follower != null) {
            follower.close();
        }
    }

    @Test
    void followsAnAnnouncedVersionAndKeepsItOnDisk() {
        // Given knowledge-service serving version 7
        served.put(7L, bytes(DOCUMENT));
        VersionFollower follower = follower();

        // When version 7 is announced
        follower.follow(announced(7, DOCUMENT));

        // Then it classifies, is counted, and is kept on disk for the next start
        awaitServing(7);
        assertThat(classifier.classify("anything").classifierVersion()).isEqualTo("kb-7");
        assertThat(classifier.titles()).containsEntry("bill_explanation", "Understanding your bill");
        // (kept and counted just after the swap, on the follower's thread)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count("swapped", "none")).isEqualTo(1);
            assertThat(LastGoodVersion.in(cache.toString()).read()).get()
                    .extracting(LastGoodVersion.Kept::versionId).isEqualTo(7L);
        });

        // When the same version is announced again, Then nothing is fetched again
        follower.follow(announced(7, DOCUMENT));
        await().during(Duration.ofMillis(100)).until(() -> fetches.get() == 1);
    }

    @Test
    void aBadChecksumIsRetriedWhileTheServingVersionServesUntilANewerOneLoads() {
        // Given version 1 serving
        served.put(1L, bytes(DOCUMENT));
        VersionFollower follower = follower();
        follower.follow(announced(1, DOCUMENT));
        awaitServing(1);

        // When version 2 is announced with a checksum its content does not have
        served.put(2L, bytes(DOCUMENT.replace("Understanding your bill", "Tampered")));
        follower.follow(new VersionFollower.Announced(2, "v2", Sha256.hex(bytes(DOCUMENT))));

        // Then it is refused again and again, counted, and version 1 keeps classifying
        await().atMost(Duration.ofSeconds(10)).until(() -> count("failed", "checksum") >= 3);
        assertThat(classifier.classify("anything").classifierVersion()).isEqualTo("kb-1");
        assertThat(classifier.titles()).containsEntry("bill_explanation", "Understanding your bill");

        // When version 3 is announced correctly, Then it replaces the failing one and the retries stop
        served.put(3L, bytes(DOCUMENT));
        follower.follow(announced(3, DOCUMENT));
        awaitServing(3);
        double failed = count("failed", "checksum");
        await().during(Duration.ofMillis(200)).until(() -> count("failed", "checksum") == failed);
    }

    @Test
    void anUnreachableKnowledgeServiceIsRetriedUntilItAnswers() {
        // Given knowledge-service unreachable for the first two tries, and no version loaded
        served.put(4L, bytes(DOCUMENT));
        unreachableFor.set(2);
        VersionFollower follower = follower();

        // When version 4 is announced, Then it loads on the third try
        follower.follow(announced(4, DOCUMENT));
        awaitServing(4);
        assertThat(count("failed", "fetch")).isEqualTo(2);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aDocumentThatIsNotAKnowledgeBaseIsRefused() {
        // Given a version whose content matches its checksum but is no knowledge base
        String notAKnowledgeBase = "{\"version\":\"x\"}";
        served.put(5L, bytes(notAKnowledgeBase));
        VersionFollower follower = follower();

        // When it is announced, Then it is refused and nothing classifies
        follower.follow(announced(5, notAKnowledgeBase));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("failed", "invalid") >= 1);
        assertThat(classifier.current()).isEmpty();
    }

    @Test
    void startsOnTheVersionKeptOnDiskWithoutKnowledgeService() {
        // Given version 9 kept on disk by an earlier start, and knowledge-service unreachable
        LastGoodVersion.in(cache.toString()).keep(new LastGoodVersion.Kept(9, "v9", Sha256.hex(bytes(DOCUMENT)),
                bytes(DOCUMENT)));
        unreachableFor.set(Integer.MAX_VALUE);

        // When the follower starts
        follower().startFromDisk();

        // Then version 9 classifies, and nothing was fetched
        assertThat(classifier.classify("anything").classifierVersion()).isEqualTo("kb-9");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void readsTheTopicOnlyOnceItExists() {
        // Given knowledge.versions not created yet (knowledge-service has not started)
        KafkaAdmin admin = mock(KafkaAdmin.class);
        AtomicInteger looks = new AtomicInteger();
        when(admin.describeTopics(Topics.Names.KNOWLEDGE_VERSIONS)).thenAnswer(call -> {
            if (looks.incrementAndGet() == 1) {
                throw new KafkaException("Failed to obtain topic descriptions");
            }
            return Map.of();
        });
        MessageListenerContainer container = mock(MessageListenerContainer.class);

        // When the follower starts listening, Then its listener starts only after the topic was found
        follower().listenOnceTheTopicExists(admin, container);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> verify(container).start());
        assertThat(looks).hasValue(2);
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToTheMaximum() {
        Duration first = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(60);
        assertThat(VersionFollower.backoff(1, first, max)).isEqualTo(Duration.ofSeconds(1));
        assertThat(VersionFollower.backoff(2, first, max)).isEqualTo(Duration.ofSeconds(2));
        assertThat(VersionFollower.backoff(4, first, max)).isEqualTo(Duration.ofSeconds(8));
        assertThat(VersionFollower.backoff(7, first, max)).isEqualTo(max);
        assertThat(VersionFollower.backoff(1_000, first, max)).isEqualTo(max);
    }

    private void awaitServing(long versionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> classifier.current()
                .filter(loaded -> loaded.versionId() == versionId).isPresent());
    }

    private double count(String outcome, String reason) {
        Counter counter = meters.find("intent.knowledge.version.swaps").tag("outcome", outcome).tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static VersionFollower.Announced announced(long versionId, String content) {
        return new VersionFollower.Announced(versionId, "v" + versionId, Sha256.hex(bytes(content)));
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
