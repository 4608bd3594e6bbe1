package dev.switchboard.intent.bench;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.language.TrainingExamples;
import java.util.List;
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
 * Single-message latency (sample mode: p50/p99) and throughput with two concurrent callers of the whole classifier
 * (embedding + scoring + rules) on typical customer messages. Short iterations: the machine is shared.
 *
 * <pre>
 * mvn -pl intent-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -q
 * java -Xmx768m -cp intent-service/target/test-classes:intent-service/target/classes:$(cat intent-service/target/cp.txt) \
 *   dev.switchboard.intent.bench.ClassificationBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "-Xmx768m")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class ClassificationBenchmark {

    static final List<String> MESSAGES = List.of(
            "my internet is super slow tonight",
            "wifi pw?",
            "I was charged twice this month and nobody can tell me why, can you explain my bill?",
            "how do I set up autopay",
            "the cable box says no signal on every channel",
            "I'm moving next month and need to transfer my service to the new address",
            "agent",
            "my internet has been dropping every evening for a week, I already restarted the modem twice and it is "
                    + "still happening. Can you send a technician?");

    EmbeddingIntentClassifier classifier;
    final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void load() {
        classifier = new EmbeddingIntentClassifier(Embedders.onnx(Runtime.getRuntime().availableProcessors()),
                TrainingExamples.fromClassPath(), ClassifierSettings.defaults());
    }

    private String message() {
        return MESSAGES.get(Math.floorMod(next.getAndIncrement(), MESSAGES.size()));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Threads(1)
    public Object latencySingleCaller() {
        return classifier.classify(message());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(2)
    public Object throughputTwoCallers() {
        return classifier.classify(message());
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ClassificationBenchmark.class.getSimpleName()).build()).run();
    }
}
