package dev.switchboard.intent.evaluation;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.routing.RoutingHarness;
import dev.switchboard.language.TrainingExamples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Side-by-side runs while choosing the means (issue 17): the tuning half and the dialogues with their misses, the
 * other sets as summaries (the scoring half's misses are never printed). {@code -Dmodel=bge} (bge-small-en-v1.5:
 * its jar on the class path, see docs/intent-classification.md, "Models side by side"),
 * {@code -Dextra=<intent TAB text file>}, {@code -Dthreshold}, {@code -Dfloor}, {@code -Dtemperature},
 * {@code -DsentenceWeight}, {@code -Dquiet=true}; the scoring half's summary only with {@code -Dscore=true}, once a
 * variant has been chosen on the rest.
 */
public final class RealDevExperiment {

    static TrainingExamples withExtra(TrainingExamples base, String tsv) {
        if (tsv == null) {
            return base;
        }
        Map<String, List<String>> examples = new LinkedHashMap<>();
        base.examples().forEach((k, v) -> examples.put(k, new ArrayList<>(v)));
        try {
            for (String line : Files.readAllLines(Path.of(tsv))) {
                String[] cells = line.split("\t", 2);
                examples.get(cells[0]).add(cells[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TrainingExamples(examples, base.keywords(), base.titles());
    }

    /** int8 bge-small-en-v1.5, the model measured against MiniLM: its jar must be on the class path. */
    public static SentenceEmbedder bge() {
        return Embedders.onnx("bge-small-en-v1.5-q", PoolingMode.CLS, 2);
    }

    /** bge with {@code -Dmodel=bge}, else MiniLM. */
    public static SentenceEmbedder chosenModel() {
        return "bge".equals(System.getProperty("model")) ? bge() : Embedders.onnx(2);
    }

    public static void main(String[] args) {
        SentenceEmbedder embedder = chosenModel();
        TrainingExamples training = withExtra(TrainingExamples.fromClassPath(), System.getProperty("extra"));
        EmbeddingIntentClassifier classifier = new EmbeddingIntentClassifier(embedder, training,
                new ClassifierSettings(Double.parseDouble(System.getProperty("temperature", "0.035")),
                        Double.parseDouble(System.getProperty("threshold", "0.2")),
                        Double.parseDouble(System.getProperty("floor", "0.30")),
                        Double.parseDouble(System.getProperty("sentenceWeight", "0.5")), 4, 0.08, 1.0, 0.6));
        Path real = Path.of("../shared/data/real_dev_routing.tsv");
        var harness = new RoutingHarness(classifier, training.titles());
        RoutingEvaluation.Report tuned = RoutingEvaluation.run("real tuning half (clear)",
                RoutingEvaluation.readRealDev(real, RoutingEvaluation.Half.TUNING), harness.firstTurns());
        var dialogues = RoutingEvaluation.runDialogues("dialogues later turns",
                RoutingEvaluation.readDialogues(Path.of("intent-service/src/test/resources/eval/dialogues.tsv")),
                harness::route);
        if (!Boolean.getBoolean("quiet")) {
            System.out.println(tuned.confusions());
            System.out.println(dialogues.confusions());
        }
        System.out.println(RoutingEvaluation.run("dev_routing.tsv", RoutingEvaluation.read(Path.of("../shared/data/dev_routing.tsv")), harness.firstTurns()).summary());
        System.out.println(RoutingEvaluation.run("routing_test.tsv", RoutingEvaluation.read(Path.of("intent-service/src/test/resources/eval/routing_test.tsv")), harness.firstTurns()).summary());
        System.out.println(tuned.summary());
        if (Boolean.getBoolean("score")) {
            System.out.println(RoutingEvaluation.run("real scoring half (clear)",
                    RoutingEvaluation.readRealDev(real, RoutingEvaluation.Half.SCORING), harness.firstTurns()).summary());
        }
        System.out.println(dialogues.summary());
    }
}
