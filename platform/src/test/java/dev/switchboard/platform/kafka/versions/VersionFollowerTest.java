package dev.switchboard.platform.kafka.versions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.util.unit.DataSize;

class VersionFollowerTest {

    private static final String SERVICE = "some-service";

    private static final String DOCUMENT = "{\"version\":\"test\",\"agents\":{}}";

    @TempDir
    Path cache;

    final Map<Long, byte[]> served = new ConcurrentHashMap<>();
    final AtomicInteger unreachableFor = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final RecordingUser user = new RecordingUser();
    VersionFollower follower;

    VersionFollower follower() {
        VersionSource source = versionId -> {
            fetches.incrementAndGet();
            if (unreachableFor.getAndDecrement() > 0) {
                throw new IllegalStateException("Connection refused");
            }
            return served.get(versionId);
        };
        follower = new VersionFollower(user, source, "the stand-in", LastGoodVersion.in(cache.toString(), SERVICE),
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

        // Then the service uses it, with its content, it is counted, and kept on disk for the next start
        awaitInUse(7);
        assertThat(user.content.get()).isEqualTo(DOCUMENT);
        // (kept and counted just after it is in use, on the follower's thread)
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(count("loaded", "none")).isEqualTo(1);
            assertThat(LastGoodVersion.in(cache.toString(), SERVICE).read()).get()
                    .extracting(LastGoodVersion.Kept::versionId).isEqualTo(7L);
        });

        // When the same version is announced again, Then nothing is fetched again
        follower.follow(announced(7, DOCUMENT));
        await().during(Duration.ofMillis(100)).until(() -> fetches.get() == 1);
    }

    @Test
    void aBadChecksumIsRetriedWhileTheVersionInUseStaysUntilANewerOneLoads() {
        // Given version 1 in use
        served.put(1L, bytes(DOCUMENT));
        VersionFollower follower = follower();
        follower.follow(announced(1, DOCUMENT));
        awaitInUse(1);

        // When version 2 is announced with a checksum its content does not have
        served.put(2L, bytes(DOCUMENT.replace("test", "tampered")));
        follower.follow(new KnowledgeBaseUser.Version(2, "v2", Sha256.hex(bytes(DOCUMENT))));

        // Then it is refused again and again, counted, and version 1 stays in use
        await().atMost(Duration.ofSeconds(10)).until(() -> count("failed", "checksum") >= 3);
        assertThat(user.inUse()).get().extracting(KnowledgeBaseUser.Version::versionId).isEqualTo(1L);
        assertThat(user.content.get()).isEqualTo(DOCUMENT);

        // When version 3 is announced correctly, Then it replaces the failing one and the retries stop
        served.put(3L, bytes(DOCUMENT));
        follower.follow(announced(3, DOCUMENT));
        awaitInUse(3);
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
        awaitInUse(4);
        assertThat(count("failed", "fetch")).isEqualTo(2);
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aDocumentThatIsNotAKnowledgeBaseIsRefused() {
        // Given a version whose content matches its checksum but is no knowledge base
        String notAKnowledgeBase = "{\"version\":\"x\"}";
        served.put(5L, bytes(notAKnowledgeBase));
        VersionFollower follower = follower();

        // When it is announced, Then the service refuses it, which is counted, and no version is in use
        follower.follow(announced(5, notAKnowledgeBase));
        await().atMost(Duration.ofSeconds(10)).until(() -> count("failed", "invalid") >= 1);
        assertThat(user.inUse()).isEmpty();
    }

    @Test
    void startsOnTheVersionKeptOnDiskWithoutKnowledgeService() {
        // Given version 9 kept on disk by an earlier start, and knowledge-service unreachable
        LastGoodVersion.in(cache.toString(), SERVICE).keep(new LastGoodVersion.Kept(9, "v9", Sha256.hex(bytes(DOCUMENT)),
                bytes(DOCUMENT)));
        unreachableFor.set(Integer.MAX_VALUE);

        // When the follower starts
        follower().startFromDisk();

        // Then version 9 is in use, and nothing was fetched
        assertThat(user.inUse()).get().extracting(KnowledgeBaseUser.Version::versionId).isEqualTo(9L);
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

    private void awaitInUse(long versionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> user.inUse()
                .filter(version -> version.versionId() == versionId).isPresent());
    }

    private double count(String outcome, String reason) {
        Counter counter = meters.find("knowledge.base.version.loads").tag("outcome", outcome).tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static KnowledgeBaseUser.Version announced(long versionId, String content) {
        return new KnowledgeBaseUser.Version(versionId, "v" + versionId, Sha256.hex(bytes(content)));
    }

    /** A service that uses a version whose content has agents, as a knowledge base document does. */
    static final class RecordingUser implements KnowledgeBaseUser {

        final AtomicReference<Version> version = new AtomicReference<>();
        final AtomicReference<String> content = new AtomicReference<>();

        @Override
        public Optional<Version> inUse() {
            return Optional.ofNullable(version.get());
        }

        @Override
        public void use(Version next, byte[] document) {
            String text = new String(document, StandardCharsets.UTF_8);
            if (!text.contains("\"agents\"")) {
                throw new IllegalStateException("not a knowledge base: no agents");
            }
            content.set(text);
            version.set(next);
        }
    }

    private static byte[] bytes(String content) {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
