package dev.switchboard.knowledge.retrieval;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseSource;
import dev.switchboard.platform.lifecycle.WarmUp;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The serving knowledge index and its reload. Every retrieval reads the index once, so a reload that swaps it in the
 * middle never mixes two knowledge bases in one answer; a reload builds the new index completely before the swap,
 * and a file that does not validate leaves the old one serving.
 */
@Component
public class Retriever implements WarmUp {

    private static final Logger log = LoggerFactory.getLogger(Retriever.class);

    private final KnowledgeBaseSource source;
    private final SentenceEmbedder embedder;
    private final RetrievalSettings settings;
    private final MeterRegistry meters;
    private final AtomicReference<KnowledgeIndex> index = new AtomicReference<>();

    Retriever(KnowledgeBaseSource source, SentenceEmbedder embedder, RetrievalSettings settings, MeterRegistry meters) {
        this.source = source;
        this.embedder = embedder;
        this.settings = settings;
        this.meters = meters;
        index.set(build(null));
    }

    /** Where a retrieval was asked from: the chat pipeline or the search API; a tag of the latency histogram. */
    public enum Origin {
        CHAT, SEARCH
    }

    public Retrieval retrieve(String text, float[] embedding, Map<String, Double> prior, Origin origin) {
        long started = System.nanoTime();
        Retrieval retrieval = index.get().retrieve(text, embedding, prior);
        Timer.builder("knowledge.retrieval").description("time to retrieve and rank passages for one message")
                .publishPercentileHistogram().tag("origin", origin.name().toLowerCase(Locale.ROOT))
                .tag("stage", retrieval.matchedBy().tag()).tag("confident", String.valueOf(retrieval.confident()))
                .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return retrieval;
    }

    public KnowledgeBase knowledgeBase() {
        return index.get().knowledgeBase();
    }

    /** Readiness waits for the three stages' first runs (outside the latency metric), not the first customer. */
    @Override
    public void warmUp() {
        for (int round = 0; round < 5; round++) {
            index.get().retrieve("my internet keeps dropping every evening, what can I do?", null, Map.of());
            index.get().retrieve("how do I set up autopay", null, Map.of());
        }
    }

    /** Reads the configured file again and swaps the index; throws (and keeps the old index) if the file is bad. */
    public synchronized KnowledgeBase reload() {
        KnowledgeIndex fresh = build(index.get());
        index.set(fresh);
        return fresh.knowledgeBase();
    }

    private KnowledgeIndex build(KnowledgeIndex previous) {
        long started = System.nanoTime();
        KnowledgeBase kb = source.load();
        KnowledgeIndex built = previous == null ? KnowledgeIndex.build(kb, embedder, settings)
                : KnowledgeIndex.rebuild(kb, previous);
        log.info("knowledge base {} version {} indexed: {} intents, {} documents in {} ms", source.location(),
                kb.version(), kb.entries().size(), built.documents(), (System.nanoTime() - started) / 1_000_000);
        return built;
    }
}
