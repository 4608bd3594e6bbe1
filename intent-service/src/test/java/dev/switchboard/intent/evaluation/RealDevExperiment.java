package dev.switchboard.intent.evaluation;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.intent.classification.ClassifierSettings;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.language.TrainingExamples;
import java.nio.file.Path;
import java.util.List;

/** Side-by-side runs while choosing the means (issue 17): the tuning half with its misses, the others as summaries. */
public final class RealDevExperiment {

    static TrainingExamples withExtra(TrainingExamples base, String tsv) {
        if (tsv == null) {
            return base;
        }
        java.util.Map<String, List<String>> examples = new java.util.LinkedHashMap<>();
        base.examples().forEach((k, v) -> examples.put(k, new java.util.ArrayList<>(v)));
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of(tsv))) {
                String[] cells = line.split("\t", 2);
                examples.get(cells[0]).add(cells[1]);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new TrainingExamples(examples, base.keywords(), base.titles());
    }

    public static void main(String[] args) {
        SentenceEmbedder embedder = "bge".equals(System.getProperty("model")) ? new BgeSmallEmbedder() : Embedders.onnx(2);
        TrainingExamples training = withExtra(TrainingExamples.fromClassPath(), System.getProperty("extra"));
        EmbeddingIntentClassifier classifier = new EmbeddingIntentClassifier(embedder, training,
                new ClassifierSettings(Double.parseDouble(System.getProperty("temperature", "0.035")),
                        Double.parseDouble(System.getProperty("threshold", "0.2")),
                        Double.parseDouble(System.getProperty("floor", "0.30")),
                        Double.parseDouble(System.getProperty("sentenceWeight", "0.5")), 4, 0.08, 1.0, 0.6));
        Path real = Path.of("../shared/data/real_dev_routing.tsv");
        var harness = new dev.switchboard.intent.routing.RoutingHarness(classifier, training.titles());
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
        System.out.println(RoutingEvaluation.run("real scoring half (clear)",
                RoutingEvaluation.readRealDev(real, RoutingEvaluation.Half.SCORING), harness.firstTurns()).summary());
        System.out.println(dialogues.summary());
    }

    static void dump(EmbeddingIntentClassifier classifier, List<RoutingEvaluation.Row> rows, String file) {
        StringBuilder b = new StringBuilder();
        for (RoutingEvaluation.Row row : rows) {
            var c = classifier.classify(row.message());
            b.append(row.agent()).append('\t').append(row.intent()).append('\t').append(c.agent()).append('\t')
                    .append(c.intent()).append('\t').append(c.confidence());
            c.candidates().forEach(x -> b.append('\t').append(x.intent()).append(':').append(x.agent()).append(':')
                    .append(x.score()));
            b.append('\t').append(row.message().replace('\t', ' ')).append('\n');
        }
        try {
            java.nio.file.Files.writeString(Path.of(file), b);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
