package dev.switchboard.intent.evaluation;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.evaluation.RoutingEvaluation.Half;
import dev.switchboard.language.TrainingExamples;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Choosing the guardrail's thresholds (issue 18): the attack and off-topic scores of the tuning half of the real dev
 * set and the shared dev set, highest first with their messages; of the off-topic set lowest first; of the scoring
 * half only the counts above the thresholds. Run from the intent-service directory.
 */
public final class GuardrailExperiment {

    public static void main(String[] args) {
        EmbeddingIntentClassifier classifier = new EmbeddingIntentClassifier(Embedders.onnx(2),
                TrainingExamples.fromClassPath(), ClassifierSettings.defaults());
        Path real = Path.of("../../shared/data/real_dev_routing.tsv");
        show("real tuning half", GuardrailSets.realDev(real, Half.TUNING), classifier, true, 15);
        show("shared dev", GuardrailSets.messages(RoutingEvaluation.read(Path.of("../../shared/data/dev_routing.tsv"))),
                classifier, true, 8);
        show("routing_test", GuardrailSets.messages(RoutingEvaluation.read(Path.of("src/test/resources/eval/routing_test.tsv"))),
                classifier, true, 15);
        show("off-topic set", GuardrailSets.lineSet(GuardrailSets.OFF_TOPIC), classifier, false, 50);
        show("off-topic batch held apart", GuardrailSets.lineSet(GuardrailSets.OFF_TOPIC_HELD_APART), classifier,
                false, 40);
        show("real scoring half", GuardrailSets.realDev(real, Half.SCORING), classifier, true, 0);
        show("blind off-topic set", GuardrailSets.column(GuardrailSets.BLIND_OFF_TOPIC, 2), classifier, false, 0);
    }

    private static void show(String name, List<String> messages, EmbeddingIntentClassifier classifier,
            boolean highestFirst, int shown) {
        List<Scored> scored = messages.stream().map(m -> new Scored(m, classifier.classify(m))).toList();
        System.out.printf(Locale.ROOT, "== %s (%d)%n", name, messages.size());
        for (double t : new double[] {-0.10, -0.08, -0.06, -0.04, -0.02, 0.0, 0.02, 0.04, 0.06, 0.08, 0.10, 0.12}) {
            System.out.printf(Locale.ROOT, "  from %.2f: attack %d, offTopic %d, offTopic&unknown %d%n", t,
                    scored.stream().filter(s -> s.c.screening().attack() >= t).count(),
                    scored.stream().filter(s -> s.c.screening().offTopic() >= t).count(),
                    scored.stream().filter(s -> s.c.screening().offTopic() >= t && s.c.intent().equals("unknown")).count());
        }
        System.out.println("  rules: " + scored.stream().filter(s -> s.c.screening().rules()).count());
        Comparator<Scored> byOffTopic = Comparator.comparingDouble(s -> s.c.screening().offTopic());
        Comparator<Scored> byAttack = Comparator.comparingDouble(s -> s.c.screening().attack());
        scored.stream().sorted(highestFirst ? byOffTopic.reversed() : byOffTopic).limit(shown)
                .forEach(s -> System.out.println("  off " + s));
        if (highestFirst) {
            scored.stream().sorted(byAttack.reversed()).limit(shown).forEach(s -> System.out.println("  att " + s));
            scored.stream().filter(s -> s.c.screening().rules()).limit(shown)
                    .forEach(s -> System.out.println("  rule " + s));
        }
    }

    private record Scored(String message, Classification c) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "off=%.3f att=%.3f %s/%.2f %s", c.screening().offTopic(),
                    c.screening().attack(), c.intent(), c.confidence(),
                    message.length() > 110 ? message.substring(0, 110) : message);
        }
    }
}
