package dev.switchboard.knowledge.retrieval;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.PublishedKnowledgeBase;
import dev.switchboard.platform.lifecycle.WarmUp;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The serving knowledge index and its swap to another published version. Every retrieval reads the index once, so a
 * swap in the middle never mixes two knowledge bases in one answer; a swap builds the new index completely (embedding
 * only the texts the serving one does not have) before it replaces the old one.
 */
@Component
public class Retriever implements WarmUp {

    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

    /**
     * The version and the index built from it, swapped together: a message reads it once, so its retrieval, its
     * article and the version its reply names all come from one version even when a swap happens meanwhile.
     */
    public record Served(PublishedKnowledgeBase version, KnowledgeIndex index) {

        public KnowledgeBase knowledgeBase() {
            return index.knowledgeBase();
        }
    }

    private final MeterRegistry meters;
    private final AtomicReference<Served> serving = new AtomicReference<>();

    Retriever(PublishedKnowledgeBase initial, SentenceEmbedder embedder, RetrievalSettings settings,
            MeterRegistry meters) {
        this.meters = meters;
        serving.set(new Served(initial, indexed(initial, () -> KnowledgeIndex.build(initial.knowledgeBase(),
                embedder, settings))));
        Gauge.builder("knowledge.version.active", serving, s -> s.get().version().versionId())
                .description("id of the knowledge base version this replica serves").register(meters);
    }

    /** Where a retrieval was asked from: the chat pipeline or the search API; a tag of the latency histogram. */
    public enum Origin {
        CHAT, SEARCH
    }

    public Retrieval retrieve(String text, float[] embedding, Map<String, Double> prior, Origin origin) {
        return retrieve(served(), text, embedding, prior, origin);
    }

    public Retrieval retrieve(Served served, String text, float[] embedding, Map<String, Double> prior,
            Origin origin) {
        return timed(origin, () -> served.index().retrieve(text, embedding, prior));
    }

    /** A follow-up kept on the conversation's topic, answered from that topic ({@link KnowledgeIndex#retrieveWithin}). */
    public Retrieval retrieveWithin(Served served, String topic, String text, float[] embedding) {
        return timed(Origin.CHAT, () -> served.index().retrieveWithin(topic, text, embedding));
    }

    private Retrieval timed(Origin origin, Supplier<Retrieval> retrieve) {
        long started = System.nanoTime();
        Retrieval retrieval = retrieve.get();
        Timer.builder("knowledge.retrieval").description("time to retrieve and rank passages for one message")
                .publishPercentileHistogram().tag("origin", origin.name().toLowerCase(Locale.ROOT))
                .tag("stage", retrieval.matchedBy().tag()).tag("confident", String.valueOf(retrieval.confident()))
                .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return retrieval;
    }

    public KnowledgeBase knowledgeBase() {
        return served().knowledgeBase();
    }

    public Served served() {
        return serving.get();
    }

    /** The version this replica serves. */
    public PublishedKnowledgeBase active() {
        return serving.get().version();
    }

    /** Readiness waits for the three stages' first runs (outside the latency metric), not the first customer. */
    @Override
    public void warmUp() {
        for (int round = 0; round < 5; round++) {
            KnowledgeIndex index = serving.get().index();
            index.retrieve("my internet keeps dropping every evening, what can I do?", null, Map.of());
            index.retrieve("how do I set up autopay", null, Map.of());
        }
    }

    /** Builds the index of another version and serves it from then on; the old one serves until the swap. */
    public synchronized void swap(PublishedKnowledgeBase version) {
        KnowledgeIndex previous = serving.get().index();
        serving.set(new Served(version, indexed(version,
                () -> KnowledgeIndex.rebuild(version.knowledgeBase(), previous))));
    }

    private static KnowledgeIndex indexed(PublishedKnowledgeBase version, Supplier<KnowledgeIndex> build) {
        long started = System.nanoTime();
        KnowledgeIndex built = build.get();
        KnowledgeBase kb = version.knowledgeBase();
        log.info("knowledge base version {} ({}, checksum {}) indexed: {} intents, {} documents in {} ms",
                version.versionId(), kb.version(), version.checksum(), kb.entries().size(), built.documents(),
                (System.nanoTime() - started) / 1_000_000);
        return built;
    }
}
