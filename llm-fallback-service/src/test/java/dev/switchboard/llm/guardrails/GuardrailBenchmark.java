package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.events.KnowledgePassage;
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
 * What the semantic detector adds to a guardrail check: one caller (sample mode: p50/p99) checking ordinary customer
 * messages, which pass the lexical rules and so are always embedded, with the rules alone and with both detectors.
 * Short iterations: the machine is shared.
 *
 * <pre>
 * ./mvnw -q -pl llm-fallback-service test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -Xmx768m -cp llm-fallback-service/target/test-classes:llm-fallback-service/target/classes:$(cat \
 *   llm-fallback-service/target/cp.txt) dev.switchboard.llm.guardrails.GuardrailBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx768m")
public class GuardrailBenchmark {

    // ordinary questions the rules let through, so the detector embeds every one; the last has three sentences
    static final List<String> MESSAGES = List.of("why is my bill $20 higher than last month?",
            "the TV box shows no signal on HDMI 1", "can I pause my plan while I'm abroad", "modem light orange?",
            "please book a technician for Saturday morning", "how do I turn on voicemail on the home phone",
            "My WiFi drops whenever the microwave runs. I moved the router already. What else can I try?");

    InputGuardrail rulesOnly;
    InputGuardrail withSemanticDetector;
    final AtomicInteger next = new AtomicInteger();
    final List<KnowledgePassage> passages = List.of();

    @Setup(Level.Trial)
    public void load() {
        rulesOnly = new InputGuardrail(0.35);
        withSemanticDetector = new InputGuardrail(0.35, SemanticInjectionDetector.of(TrainingExamples.fromClassPath(), Embedders.onnx(1),
                TestDetector.THRESHOLD, TestDetector.SETTINGS.semanticRefusalThreshold()));
    }

    private String message() {
        int turn = next.getAndIncrement() & Integer.MAX_VALUE;
        return MESSAGES.get(turn % MESSAGES.size());
    }

    @Benchmark
    public Object rulesOnly() {
        return rulesOnly.check(message(), "billing_dispute", passages);
    }

    @Benchmark
    public Object rulesAndSemanticDetector() {
        return withSemanticDetector.check(message(), "billing_dispute", passages);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(GuardrailBenchmark.class.getSimpleName()).build()).run();
    }
}
