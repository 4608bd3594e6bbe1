package dev.switchboard.intent.bench;

import dev.switchboard.intent.classification.AttackRegression;
import dev.switchboard.language.ExampleVectors;
import dev.switchboard.language.guardrail.InjectionRules;
import dev.switchboard.language.guardrail.NearestExamples;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
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
 * What the input guardrail adds to a turn in intent-service, without the model (it reuses the classifier's
 * embeddings, and their cosines with the knowledge base's examples, which the intent model computes): the lexical rules
 * and the two nearest-examples contrasts, at the shipped sizes (169 attacks against 310 requests + 1,147 knowledge base
 * examples; 120 off-topic requests against the 1,147 examples), on a short
 * message (one vector) and a long one (whole + 4 sentences); with the learned attack detector's logistic regression
 * ({@code ...WithLearned}), and its training at start-up at the shipped sizes (559 attacks against 1,965 ordinary
 * messages, {@code training}). Random unit vectors: the cost does not depend on them; the texts for the learned
 * detector's words are the two messages' words, about as long as its examples and messages. Run like
 * ClassificationBenchmark.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class GuardrailScreeningBenchmark {

    static final int DIMENSIONS = 384;
    static final String SHORT = "my internet is super slow tonight";
    static final String LONG = "my internet has been dropping every evening for a week, I already restarted the modem "
            + "twice and it is still happening. Can you send a technician?";

    NearestExamples attacks;
    NearestExamples offTopic;
    AttackRegression learned;
    AttackRegression.Examples learnedAttacks;
    AttackRegression.Examples learnedRequests;
    float[] whole;
    List<float[]> sentences;
    List<String> sentenceTexts;
    float[] wholeExampleCosines;
    List<float[]> sentencesExampleCosines;

    @Setup(Level.Trial)
    public void build() {
        Random random = new Random(18);
        ExampleVectors examples = new ExampleVectors(vectors(random, 1_147));
        attacks = new NearestExamples(vectors(random, 169), vectors(random, 310), 3);
        offTopic = new NearestExamples(vectors(random, 120), new float[0][], 3);
        learnedAttacks = examples(vectors(random, 559));
        learnedRequests = examples(vectors(random, 1_965));
        learned = AttackRegression.train(learnedAttacks, learnedRequests, AttackRegression.Training.DEFAULT);
        whole = vectors(random, 1)[0];
        sentences = List.of(vectors(random, 5));
        // the whole message, then pieces of it as long as sentences
        String[] words = LONG.split(" ");
        sentenceTexts = Stream.concat(Stream.of(LONG), IntStream.range(0, 4).mapToObj(
                i -> String.join(" ", Arrays.copyOfRange(words, i * words.length / 4, (i + 1) * words.length / 4))))
                .toList();
        wholeExampleCosines = examples.cosines(whole);
        sentencesExampleCosines = sentences.stream().map(examples::cosines).toList();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public double shortMessage() {
        return (InjectionRules.match(SHORT) ? 1 : 0) + attacks.best(List.of(whole), List.of(wholeExampleCosines))
                + offTopic.score(whole, wholeExampleCosines);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public double longMessage() {
        return (InjectionRules.match(LONG) ? 1 : 0) + attacks.best(sentences, sentencesExampleCosines)
                + offTopic.score(sentences.get(0), sentencesExampleCosines.get(0));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public double shortMessageWithLearned() {
        return shortMessage() + learned.best(List.of(whole), List.of(SHORT));
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(1)
    public double longMessageWithLearned() {
        return longMessage() + learned.best(sentences, sentenceTexts);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 5)
    @Threads(1)
    public AttackRegression training() {
        return AttackRegression.train(learnedAttacks, learnedRequests, AttackRegression.Training.DEFAULT);
    }

    /** Texts of the shipped examples' length, one per vector, cycling through the two messages' words. */
    private static AttackRegression.Examples examples(float[][] vectors) {
        String[] words = (SHORT + " " + LONG).split(" ");
        List<String> texts = IntStream.range(0, vectors.length).mapToObj(i -> IntStream.range(0, 12)
                .mapToObj(w -> words[(i * 7 + w * 3) % words.length]).collect(Collectors.joining(" "))).toList();
        return new AttackRegression.Examples(vectors, texts);
    }

    private static float[][] vectors(Random random, int count) {
        float[][] vectors = new float[count][DIMENSIONS];
        for (float[] v : vectors) {
            double norm = 0;
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] = (float) random.nextGaussian();
                norm += v[d] * v[d];
            }
            for (int d = 0; d < DIMENSIONS; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
        }
        return vectors;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(GuardrailScreeningBenchmark.class.getSimpleName()).build()).run();
    }
}
