package dev.switchboard.intent.classification;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.language.guardrail.Exemplars;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Choosing and testing the learned attack detector (issue 18, docs/intent-classification.md, "A learned attack
 * detector"): the guardrail's combined score (the learned probability plus {@code -DattackWeight} times the attack
 * contrast) on the real dev set's tuning half (highest first, with the messages) and on the own held-apart batch, for
 * several thresholds; the same counts on the scoring half and the blind rounds (only reported); with {@code lofo
 * <threshold>}, leave-one-family-out: the learned probability alone, trained without one family's examples (and
 * without the shared unlabelled attack examples in every run, so no run sees the family), tested on that family's
 * attacks in the rounds. Run from the intent-service directory with {@code RoutingEvaluation}'s class path.
 */
public final class LearnedDetectorExperiment {

    private static final Path EVAL = Path.of("src/test/resources/eval");
    private static final String HELD_APART = "own-batch-2026-12-04b";
    private static final List<String> ROUNDS = List.of("blind-2026-12-03", "blind-2026-12-03b", "blind-2026-12-04",
            "own-batch-2026-12-04", "own-batch-2026-12-04b");
    private static final double[] THRESHOLDS = {0.9, 0.95, 0.98, 1.0, 1.02, 1.04, 1.06, 1.08, 1.1, 1.15};
    private static final double ATTACK_WEIGHT = Double.parseDouble(System.getProperty("attackWeight", "0.5"));
    /** Each message's attack contrast, printed beside its combined score. */
    private static final Map<String, Double> ATTACK = new HashMap<>();

    public static void main(String[] args) {
        SentenceEmbedder embedder = Embedders.onnx(2);
        TrainingExamples training = TrainingExamples.fromClassPath();
        EmbeddingIntentClassifier classifier = new EmbeddingIntentClassifier(embedder, training,
                ClassifierSettings.defaults());
        Path real = Path.of("../../shared/data/real_dev_routing.tsv");
        List<String> tuning = realDev(real, true);
        List<String> scoring = realDev(real, false);
        report("real tuning half", scores(classifier, tuning), tuning, 12);
        report("real scoring half", scores(classifier, scoring), scoring, 0);
        List<String> dev = lines(Path.of("../../shared/data/dev_routing.tsv")).stream().skip(1)
                .map(l -> l.split("\t")).filter(c -> c.length >= 3).map(c -> c[c.length - 1]).toList();
        report("shared dev", scores(classifier, dev), dev, 3);
        for (String round : ROUNDS) {
            for (String kind : List.of("attacks", "lookalikes")) {
                Map<String, String[]> last = lastTurns(EVAL.resolve(round).resolve(kind + ".tsv"));
                List<String> messages = last.values().stream().map(c -> c[2]).toList();
                // the held-apart batch's messages are ours to read; the blind rounds' are not printed
                report(round + " " + kind, scores(classifier, messages), messages, round.equals(HELD_APART) ? 30 : 0);
            }
        }
        if (args.length > 0 && args[0].equals("lofo")) {
            leaveOneFamilyOut(embedder, training, Double.parseDouble(args[1]));
        }
    }

    private static void leaveOneFamilyOut(SentenceEmbedder embedder, TrainingExamples training, double threshold) {
        Map<String, List<String>> attacksByFamily = families(EmbeddingIntentClassifier.LEARNED_ATTACKS);
        List<String> requests = new ArrayList<>(Exemplars.lines(Exemplars.REQUESTS));
        requests.addAll(Exemplars.lines(EmbeddingIntentClassifier.REQUEST_FAMILIES));
        requests.addAll(Exemplars.customerExamples(training));
        requests.addAll(Exemplars.lines(EmbeddingIntentClassifier.LEARNED_REQUESTS));
        requests.addAll(Exemplars.lines(Exemplars.OFF_TOPIC));
        AttackRegression.Examples requestExamples = new AttackRegression.Examples(embedder.embedAll(requests), requests);
        Map<String, AttackRegression.Examples> attackExamples = new TreeMap<>();
        attacksByFamily.forEach((family, lines) -> attackExamples.put(family,
                new AttackRegression.Examples(embedder.embedAll(lines), lines)));
        // the rounds' attacks by family (their names unified), embedded whole and by sentence
        Map<String, List<Message>> tested = new TreeMap<>();
        for (String round : ROUNDS) {
            lastTurns(EVAL.resolve(round).resolve("attacks.tsv")).values().forEach(c -> tested
                    .computeIfAbsent(family(c[1]), f -> new ArrayList<>()).add(Message.embedded(embedder, c[2])));
        }
        System.out.printf(Locale.ROOT, "leave one family out, threshold %.2f (learned detector alone, own examples "
                + "only)%n", threshold);
        AttackRegression with = AttackRegression.train(allBut(attackExamples, null), requestExamples,
                AttackRegression.Training.DEFAULT);
        for (String left : attackExamples.keySet()) {
            AttackRegression without = AttackRegression.train(allBut(attackExamples, left), requestExamples,
                    AttackRegression.Training.DEFAULT);
            List<Message> family = tested.getOrDefault(left, List.of());
            long caughtWithout = family.stream().filter(m -> m.score(without) >= threshold).count();
            long caughtWith = family.stream().filter(m -> m.score(with) >= threshold).count();
            System.out.printf(Locale.ROOT, "  %-22s rounds' attacks %2d: caught trained without it %2d, with it %2d%n",
                    left, family.size(), caughtWithout, caughtWith);
        }
    }

    private static AttackRegression.Examples allBut(Map<String, AttackRegression.Examples> byFamily, String left) {
        return byFamily.entrySet().stream().filter(e -> !e.getKey().equals(left)).map(Map.Entry::getValue)
                .reduce(AttackRegression.Examples::and).orElseThrow();
    }

    /** A message's texts as the classifier scores them: the whole, then each sentence of a longer one. */
    private record Message(List<float[]> vectors, List<String> texts) {

        static Message embedded(SentenceEmbedder embedder, String message) {
            List<String> texts = new ArrayList<>(List.of(message));
            List<String> sentences = EmbeddingIntentClassifier.sentences(message);
            if (sentences.size() > 1) {
                texts.addAll(sentences);
            }
            return new Message(texts.stream().map(embedder::embed).toList(), texts);
        }

        double score(AttackRegression detector) {
            return detector.best(vectors, texts);
        }
    }

    /** The rounds name two families differently. */
    private static String family(String name) {
        return switch (name) {
            case "pasted_email" -> "pasted_content";
            case "persona_jailbreak" -> "persona";
            default -> name;
        };
    }

    private static double[] scores(EmbeddingIntentClassifier classifier, List<String> messages) {
        return messages.stream().mapToDouble(m -> {
            Screening s = classifier.classify(m).screening();
            ATTACK.put(m, s.attack());
            // the guardrail's combination (Guardrail.Settings: learned plus attackWeight times the attack score)
            return s.learned() + ATTACK_WEIGHT * s.attack();
        }).toArray();
    }


    private static void report(String name, double[] scores, List<String> messages, int shown) {
        StringBuilder counts = new StringBuilder();
        for (double t : THRESHOLDS) {
            long n = Arrays.stream(scores).filter(s -> s >= t).count();
            counts.append(String.format(Locale.ROOT, " >=%.2f:%d", t, n));
        }
        System.out.printf(Locale.ROOT, "%s (%d):%s%n", name, scores.length, counts);
        IntStream.range(0, scores.length).boxed()
                .sorted((a, b) -> Double.compare(scores[b], scores[a])).limit(shown)
                .forEach(i -> System.out.printf(Locale.ROOT, "    %.3f att=%.3f %s%n", scores[i], ATTACK.get(messages.get(i)),
                        messages.get(i)));
    }

    /** The last turn of each set id: {@code set_id, family, message}. */
    private static Map<String, String[]> lastTurns(Path tsv) {
        Map<String, String[]> last = new LinkedHashMap<>();
        lines(tsv).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t"))
                .forEach(c -> last.put(c[0], c));
        return last;
    }

    private static List<String> realDev(Path tsv, boolean tuningHalf) {
        return lines(tsv).stream().skip(1).map(line -> line.split("\t", 5)).filter(cells -> cells.length == 5)
                .filter(cells -> {
                    String origin = cells[3].trim();
                    boolean even = !origin.isEmpty() && (origin.charAt(origin.length() - 1) - '0') % 2 == 0;
                    return even == tuningHalf;
                }).map(cells -> cells[4].trim()).toList();
    }

    private static Map<String, List<String>> families(String resource) {
        Map<String, List<String>> families = new TreeMap<>();
        String family = null;
        try (InputStream stream = LearnedDetectorExperiment.class.getClassLoader().getResourceAsStream(resource)) {
            for (String line : new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("# family: ")) {
                    family = line.substring("# family: ".length()).strip();
                } else if (!line.isBlank() && !line.startsWith("# ")) {
                    families.computeIfAbsent(family, f -> new ArrayList<>()).add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return families;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
