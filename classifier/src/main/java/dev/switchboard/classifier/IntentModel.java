package dev.switchboard.classifier;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.Agent;
import dev.switchboard.language.ExampleVectors;
import dev.switchboard.language.Highest;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.schemas.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The intent classifier trained on a knowledge base's example phrases. Each intent scores the mean of its centroid
 * similarity and of its best {@link #K} example similarities (centroid alone blurs intents with varied examples,
 * nearest neighbours alone over-trust one lucky example), multiplied (product of experts) with a softmax-regression
 * head over the same embeddings. A softmax with the fitted temperature turns scores into probabilities; the routed
 * intent is the best one of the agent whose intents together are most probable.
 *
 * <p>intent-service classifies customer messages with it (adding its rules, sentence scoring and thresholds);
 * knowledge-service's accuracy gate checks a new knowledge base version by how the model trained on it routes the
 * version's own examples ({@link #routeOwnExamples}).
 */
public final class IntentModel {

    private static final Logger log = LoggerFactory.getLogger(IntentModel.class);
    static final int K = 3;
    static final SoftmaxRegression.Training HEAD_TRAINING = new SoftmaxRegression.Training(150, 2.0, 1e-4);

    private final ClassifierSettings settings;
    private final String[] intents;
    private final Agent[] agents;
    private final String[] texts;
    private final float[][] examples;
    private final ExampleVectors exampleVectors;
    private final int[] labels;
    private final float[][] centroids;
    private final SoftmaxRegression head;

    /** Embeds the examples and trains the head on all of them (or reads it from {@code heads}). */
    public IntentModel(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings,
            TrainedHeads heads) {
        this(embedder, training, settings, heads, true);
    }

    private IntentModel(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings,
            TrainedHeads heads, boolean trainHead) {
        this.settings = settings;
        this.intents = training.examples().keySet().toArray(String[]::new);
        this.agents = Arrays.stream(intents).map(Taxonomy::agentOf).toArray(Agent[]::new);
        List<String> textList = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int i = 0; i < intents.length; i++) {
            for (String example : training.examples().get(intents[i])) {
                textList.add(example);
                labelList.add(i);
            }
        }
        this.texts = textList.toArray(String[]::new);
        long started = System.nanoTime();
        this.examples = embedder.embedAll(textList);
        this.exampleVectors = new ExampleVectors(examples);
        this.labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        this.centroids = new float[intents.length][];
        for (int i = 0; i < intents.length; i++) {
            centroids[i] = centroid(i, -1);
        }
        log.info("embedded {} training examples of {} intents in {} ms", texts.length, intents.length,
                millisSince(started));
        if (trainHead && settings.headWeight() > 0) {
            long headStarted = System.nanoTime();
            this.head = heads.trainOrRead(examples, labels, intents.length, HEAD_TRAINING);
            log.info("trained or read the logistic-regression head in {} ms", millisSince(headStarted));
        } else {
            this.head = null;
        }
    }

    /**
     * How the classifier trained on {@code training} routes each of its examples when that example is held out: the
     * similarity expert leaves the example out of its intent's nearest neighbours and centroid (leave-one-out), the
     * head is trained without the example's fold ({@code folds}-fold cross-validation: one head per fold instead of
     * one per example, which would cost minutes). The folds are stratified (an intent's n-th example is in fold n mod
     * folds) and trained in parallel; {@code heads} keeps them, so a version checked before is read back.
     */
    public static ExampleRouting routeOwnExamples(SentenceEmbedder embedder, TrainingExamples training,
            ClassifierSettings settings, TrainedHeads heads, int folds) {
        return new IntentModel(embedder, training, settings, heads, false).routeOwnExamples(heads, folds);
    }

    private ExampleRouting routeOwnExamples(TrainedHeads heads, int folds) {
        long started = System.nanoTime();
        int[] fold = folds(folds);
        SoftmaxRegression[] foldHeads = settings.headWeight() > 0 ? trainFoldHeads(heads, fold, folds) : null;
        int routedRight = 0;
        List<ExampleRouting.Misrouted> misrouted = new ArrayList<>();
        for (int e = 0; e < examples.length; e++) {
            double[] similarity = leftOut(e);
            double[] scores = foldHeads == null ? similarity : combined(similarity, foldHeads[fold[e]], examples[e]);
            int routed = routed(probabilities(scores));
            if (routed == labels[e]) {
                routedRight++;
            } else {
                misrouted.add(new ExampleRouting.Misrouted(texts[e], intents[labels[e]], intents[routed]));
            }
        }
        log.info("routed {} of {} examples right, each held out ({} folds for the head), in {} ms", routedRight,
                examples.length, folds, millisSince(started));
        return new ExampleRouting(examples.length, routedRight, List.copyOf(misrouted));
    }

    /** Each example's fold: its position among its intent's examples, modulo {@code folds}. */
    private int[] folds(int folds) {
        int[] fold = new int[examples.length];
        int[] seen = new int[intents.length];
        for (int e = 0; e < examples.length; e++) {
            fold[e] = seen[labels[e]]++ % folds;
        }
        return fold;
    }

    private SoftmaxRegression[] trainFoldHeads(TrainedHeads heads, int[] fold, int folds) {
        ExecutorService pool = Executors.newFixedThreadPool(
                Math.min(folds, Math.max(1, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<SoftmaxRegression>> trained = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                int held = f;
                int[] kept = IntStream.range(0, examples.length).filter(e -> fold[e] != held)
                        .toArray();
                float[][] x = Arrays.stream(kept).mapToObj(e -> examples[e]).toArray(float[][]::new);
                int[] y = Arrays.stream(kept).map(e -> labels[e]).toArray();
                trained.add(pool.submit(() -> heads.trainOrRead(x, y, intents.length, HEAD_TRAINING)));
            }
            SoftmaxRegression[] result = new SoftmaxRegression[folds];
            for (int f = 0; f < folds; f++) {
                result[f] = trained.get(f).get();
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training the heads of " + folds + " folds", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot train the heads of " + folds + " folds", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The intents in the order of the scores, as the training examples list them. */
    public List<String> intents() {
        return List.of(intents);
    }

    public Agent agentOf(int intent) {
        return agents[intent];
    }

    /** The similarity expert alone: per intent, mean of centroid similarity and of the K best example similarities. */
    public double[] similarity(float[] query) {
        return similarity(query, exampleCosines(query));
    }

    /**
     * The same from the query's {@link #exampleCosines}, which a caller that scores the examples otherwise too (the
     * guardrail's detectors) computes once.
     */
    public double[] similarity(float[] query, float[] exampleCosines) {
        return scores(query, exampleCosines, -1);
    }

    /** The cosine of {@code query} (a unit vector) with every example, in {@link #exampleVectors()}' order. */
    public float[] exampleCosines(float[] query) {
        return exampleVectors.cosines(query);
    }

    /** Both experts (the similarity scores and the head), from the vector's {@link #exampleCosines}. */
    public double[] scores(float[] vector, float[] exampleCosines) {
        return withHead(vector, similarity(vector, exampleCosines));
    }

    /**
     * Product of experts: softmax((similarity + T log p_head) / T) is proportional to exp(similarity / T) * p_head^w.
     */
    public double[] withHead(float[] vector, double[] similarity) {
        return head == null ? similarity : combined(similarity, head, vector);
    }

    private double[] combined(double[] similarity, SoftmaxRegression by, float[] vector) {
        double[] logP = by.logProbabilities(vector);
        double[] combined = new double[similarity.length];
        for (int i = 0; i < combined.length; i++) {
            combined[i] = similarity[i] + settings.headWeight() * settings.temperature() * logP[i];
        }
        return combined;
    }

    /** The calibrated probabilities of the intents: a softmax at the fitted temperature. */
    public double[] probabilities(double[] scores) {
        return softmax(scores, settings.temperature());
    }

    /** The routed intent: the agent whose intents together are most probable, and its most probable intent. */
    public int routed(double[] probabilities) {
        Map<Agent, Double> byAgent = new EnumMap<>(Agent.class);
        for (int i = 0; i < intents.length; i++) {
            byAgent.merge(agents[i], probabilities[i], Double::sum);
        }
        Agent agent = byAgent.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return Arrays.stream(ranked(probabilities)).filter(i -> agents[i] == agent).findFirst().orElseThrow();
    }

    /** The similarity expert's scores of example {@code e} with it left out of its intent. */
    private double[] leftOut(int e) {
        return scores(examples[e], exampleCosines(examples[e]), e);
    }

    /**
     * Per intent: mean of centroid similarity and of the K best example similarities (the query's cosines with the
     * examples); {@code skip} leaves one example out.
     */
    private double[] scores(float[] query, float[] similarity, int skip) {
        double[] centroidSimilarity = new double[intents.length];
        for (int i = 0; i < intents.length; i++) {
            float[] c = skip >= 0 && labels[skip] == i ? centroid(i, skip) : centroids[i];
            centroidSimilarity[i] = dot(query, c);
        }
        double[][] top = new double[intents.length][K];
        for (double[] t : top) {
            Arrays.fill(t, -1);
        }
        for (int e = 0; e < examples.length; e++) {
            if (e == skip) {
                continue;
            }
            Highest.offer(top[labels[e]], similarity[e]);
        }
        double[] scores = new double[intents.length];
        for (int i = 0; i < intents.length; i++) {
            scores[i] = 0.5 * centroidSimilarity[i] + 0.5 * Arrays.stream(top[i]).average().orElse(0);
        }
        return scores;
    }

    private float[] centroid(int intent, int skip) {
        float[] sum = new float[examples[0].length];
        for (int e = 0; e < examples.length; e++) {
            if (labels[e] == intent && e != skip) {
                for (int d = 0; d < sum.length; d++) {
                    sum[d] += examples[e][d];
                }
            }
        }
        double norm = 0;
        for (float v : sum) {
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(Math.max(norm, 1e-12)));
        for (int d = 0; d < sum.length; d++) {
            sum[d] *= scale;
        }
        return sum;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double[] softmax(double[] scores, double temperature) {
        double max = Arrays.stream(scores).max().orElse(0);
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp((scores[i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** Indexes of {@code values}, highest first (a stable sort: ties keep their order). */
    public static Integer[] ranked(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        return order;
    }

    /** Leave-one-out over the examples with the similarity expert alone: the scores the temperature fit needs. */
    public LeaveOneOut leaveOneOut() {
        double[][] scores = new double[examples.length][];
        for (int e = 0; e < examples.length; e++) {
            scores[e] = leftOut(e);
        }
        return new LeaveOneOut(scores, labels.clone());
    }

    /** Per example, its intents' similarity scores with it left out, and its intent. */
    public record LeaveOneOut(double[][] scores, int[] labels) {
    }

    /** The examples' embeddings (unit vectors), in training order: for other scores over the same examples. */
    public float[][] exampleVectors() {
        return examples;
    }

    /** The examples' texts, in {@link #exampleVectors()}' order: for other models over the same examples. */
    public List<String> exampleTexts() {
        return List.of(texts);
    }

    public int examples() {
        return examples.length;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
