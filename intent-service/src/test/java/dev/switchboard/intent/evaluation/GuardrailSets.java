package dev.switchboard.intent.evaluation;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.evaluation.RoutingEvaluation.Half;
import dev.switchboard.intent.routing.RoutingHarness;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.platform.test.BuildCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The messages the input guardrail is measured on: every row of a dev set, and the project's off-topic set. */
final class GuardrailSets {

    static final Path OFF_TOPIC = Path.of("src/test/resources/eval/off_topic.txt");
    /** Written before the off-topic examples were widened on 2026-12-04, to measure that change. */
    /** Written blind to the project on 2026-12-04; run once through the stack before the widening. */
    static final Path BLIND_OFF_TOPIC = Path.of("src/test/resources/eval/blind-offtopic-2026-12-04/offtopic.tsv");
    static final Path OFF_TOPIC_HELD_APART = Path.of("src/test/resources/eval/off-topic-batch-2026-12-04/off_topic.txt");

    private GuardrailSets() {
    }

    /** The service's routing with its guardrail, trained on the bundled knowledge base; a new conversation store. */
    static RoutingHarness harness() {
        return new RoutingHarness(Trained.CLASSIFIER, Trained.EXAMPLES.titles());
    }

    /** The classifier trained on the bundled knowledge base, as the service builds it. */
    static EmbeddingIntentClassifier classifier() {
        return Trained.CLASSIFIER;
    }

    static TrainingExamples trainingExamples() {
        return Trained.EXAMPLES;
    }

    /**
     * Trained once for the evaluation classes that failsafe runs in one JVM: training embeds thousands of examples,
     * about a minute of each class's time on CI (2026-12-07), and the classifier keeps no state between messages. Its
     * embeddings and heads are the ones the service computes at start: read from the build's cache when a test computed
     * them before.
     */
    private static final class Trained {

        static final TrainingExamples EXAMPLES = TrainingExamples.fromClassPath();
        static final EmbeddingIntentClassifier CLASSIFIER = new EmbeddingIntentClassifier(
                Embedders.cached(Embedders.onnx(2), BuildCache.directory()), EXAMPLES, ClassifierSettings.defaults(),
                TrainedHeads.in(BuildCache.directory().toString()), "");
    }

    /** Every message of a half of the real dev set, clear or not: none of them may be refused or declined. */
    static List<String> realDev(Path tsv, Half half) {
        return lines(tsv).stream().skip(1).map(line -> line.split("\t", 5)).filter(cells -> cells.length == 5)
                .filter(cells -> half.holds(cells[3].trim())).map(cells -> cells[4].trim()).toList();
    }

    static List<String> messages(List<RoutingEvaluation.Row> rows) {
        return rows.stream().map(RoutingEvaluation.Row::message).toList();
    }

    /** One message a line, {@code # } comments. */
    static List<String> lineSet(Path file) {
        return lines(file).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("# ")).toList();
    }

    static List<String> column(Path tsv, int column) {
        return lines(tsv).stream().skip(1).map(l -> l.split("\t")[column]).toList();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
