package dev.switchboard.knowledge.bench;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.Agent;
import dev.switchboard.knowledge.answering.UncoveredQuestions;
import dev.switchboard.knowledge.evaluation.RetrievalEvaluation;
import dev.switchboard.knowledge.retrieval.KnowledgeIndex;
import dev.switchboard.knowledge.retrieval.Retrieval;
import dev.switchboard.knowledge.retrieval.RetrievalSettings;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Latency of one knowledge search at the service (sample mode: p50/p99), on a mix of short, medium and long
 * multi-sentence messages over the shipped knowledge base:
 * <ul>
 * <li>{@code search}: what {@code GET /api/v1/knowledge/search} runs — embed the query (and the asking sentences of a
 * long one), keyword, BM25 and vector stages, fusion, hits;</li>
 * <li>{@code chatWithCarriedEmbedding}: what the chat path runs — the classifier's embedding arrives with the event, so
 * only the asking sentences of long messages are embedded;</li>
 * <li>{@code chatWithTheUncoveredCheck}: the same followed by the uncovered-question check, which reads only short
 * questions retrieval is unsure of (most messages cost it nothing);</li>
 * <li>{@code uncoveredCheckOfAReadQuestion}: the check alone on a question it reads: one embedding of the question
 * without the words its intent lacks and one per candidate subject word (its intent's words are embedded once, on the
 * first read question of that intent, outside the measurement after warm-up).</li>
 * </ul>
 *
 * <pre>
 * ./mvnw -q -pl knowledge-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx1g -cp knowledge-service/target/test-classes:knowledge-service/target/classes:$(cat knowledge-service/target/cp.txt) \
 *   dev.switchboard.knowledge.bench.SearchBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class SearchBenchmark {

    static final List<String> MESSAGES = List.of(
            "wifi keeps dropping in the back bedroom",
            "late fee??",
            "there is a charge on my statement I don't recognise and it is higher than last month, what is it for?",
            "turn on paperless billing",
            "tv box frozen on a black screen",
            "can my service move with me when I change apartments in March",
            "store hours on sunday",
            "our home phone line went dead yesterday after the storm. The internet still works fine and the TV too. "
                    + "I tried another handset and there is still no dial tone. What should I check before you send "
                    + "someone out?");

    /** A short question the check reads, about something the technician articles never mention. */
    static final String READ_QUESTION = "Can the technician hang a ceiling fan while he is here?";

    KnowledgeIndex index;
    float[][] embeddings;
    UncoveredQuestions uncovered;
    float[] readQuestionEmbedding;
    Retrieval.RankedIntent readQuestionBest;
    final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void load() {
        SentenceEmbedder embedder = Embedders.onnx(Runtime.getRuntime().availableProcessors());
        index = RetrievalEvaluation.index(embedder, RetrievalSettings.defaults());
        embeddings = MESSAGES.stream().map(embedder::embed).toArray(float[][]::new);
        uncovered = new UncoveredQuestions(embedder, RetrievalEvaluation.UNCOVERED);
        readQuestionEmbedding = embedder.embed(READ_QUESTION);
        readQuestionBest = new Retrieval.RankedIntent("technician_appointment", Agent.tech_support, 0.9, 0.45);
    }

    private int message() {
        return Math.floorMod(next.getAndIncrement(), MESSAGES.size());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public Object search() {
        return index.retrieve(MESSAGES.get(message()), null, Map.of());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public Object chatWithCarriedEmbedding() {
        int m = message();
        return index.retrieve(MESSAGES.get(m), embeddings[m], Map.of("slow_internet", 0.8));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public boolean chatWithTheUncoveredCheck() {
        int m = message();
        Retrieval retrieval = index.retrieve(MESSAGES.get(m), embeddings[m], Map.of("slow_internet", 0.8));
        return uncovered.uncovered(index.knowledgeBase(), MESSAGES.get(m), embeddings[m],
                retrieval.best().orElseThrow());
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public boolean uncoveredCheckOfAReadQuestion() {
        return uncovered.uncovered(index.knowledgeBase(), READ_QUESTION, readQuestionEmbedding, readQuestionBest);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SearchBenchmark.class.getSimpleName()).build()).run();
    }
}
