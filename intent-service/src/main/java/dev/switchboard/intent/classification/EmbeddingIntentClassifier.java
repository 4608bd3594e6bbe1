package dev.switchboard.intent.classification;

import dev.switchboard.events.Agent;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.ExampleVectors;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.language.Words;
import dev.switchboard.language.guardrail.Exemplars;
import dev.switchboard.language.guardrail.InjectionRules;
import dev.switchboard.language.guardrail.NearestExamples;
import dev.switchboard.schemas.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a message by sentence embeddings against the knowledge base's example utterances.
 *
 * <p>Each intent scores the mean of its centroid similarity and of its best {@link #K} example similarities (centroid
 * alone blurs intents with varied examples, nearest neighbours alone over-trust one lucky example). Long messages are
 * also scored sentence by sentence and the best sentence counts as much as the whole message, so the customer's actual
 * ask outweighs the story around it. A softmax with a temperature fitted on the examples turns scores into calibrated
 * probabilities; the agent is the one whose intents together are most probable, the intent the best of that agent.
 * The other sentences' clear intents are the message's secondary intents (a multi-issue message routes on its main
 * ask).
 * Below the similarity floor (nothing like any example: off-topic) or the confidence threshold the intent is
 * {@code unknown}.
 *
 * <p>Each classification also carries the input guardrail's {@link Screening}, measured on the embeddings computed
 * here (the whole message and the sentences scored apart): the lexical injection rules, the resemblance to example
 * attacks against ordinary requests, and to off-topic requests against this version's examples. Built per knowledge
 * base version with the classifier, so the detectors' ordinary requests are that version's examples.
 */
public class EmbeddingIntentClassifier implements IntentClassifier {

    private static final Logger log = LoggerFactory.getLogger(EmbeddingIntentClassifier.class);
    static final int K = 3;
    private static final int LONG_MESSAGE_WORDS = 12;
    private static final int MAX_SENTENCES = 4;
    private static final SoftmaxRegression.Training HEAD_TRAINING = new SoftmaxRegression.Training(150, 2.0, 1e-4);
    private static final double MOSTLY_WHOLE = 0.8;
    private static final Set<String> NOT_AN_ISSUE = Set.of("greeting", "thanks");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\s*\\n+\\s*|\\s+(?:but|also|and also)\\s+");

    private final SentenceEmbedder embedder;
    private final ClassifierSettings settings;
    private final String[] intents;
    private final Agent[] agents;
    private final float[][] examples;
    private final ExampleVectors exampleVectors;
    private final int[] labels;
    private final float[][] centroids;
    private final String[][] keywords;
    private final String version;
    private final SoftmaxRegression head;
    private final NearestExamples attacksOverRequests;
    private final NearestExamples offTopicOverExamples;

    public EmbeddingIntentClassifier(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings) {
        this(embedder, training, settings, TrainedHeads.in(null), "");
    }

    /** @param versionSuffix appended to the classifier's version: what it was trained on (the knowledge base version) */
    EmbeddingIntentClassifier(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings,
            TrainedHeads heads, String versionSuffix) {
        this.embedder = embedder;
        this.settings = settings;
        this.intents = training.examples().keySet().toArray(String[]::new);
        this.agents = Arrays.stream(intents).map(Taxonomy::agentOf).toArray(Agent[]::new);
        this.keywords = Arrays.stream(intents).map(i -> training.keywords().get(i).stream()
                .map(k -> " " + Words.normalize(k) + " ").toArray(String[]::new)).toArray(String[][]::new);
        List<String> texts = new ArrayList<>();
        List<Integer> labelList = new ArrayList<>();
        for (int i = 0; i < intents.length; i++) {
            for (String example : training.examples().get(intents[i])) {
                texts.add(example);
                labelList.add(i);
            }
        }
        long started = System.nanoTime();
        this.examples = embedder.embedAll(texts);
        this.exampleVectors = new ExampleVectors(examples);
        this.labels = labelList.stream().mapToInt(Integer::intValue).toArray();
        this.centroids = new float[intents.length][];
        for (int i = 0; i < intents.length; i++) {
            centroids[i] = centroid(i, -1);
        }
        log.info("embedded {} training examples of {} intents in {} ms", texts.size(), intents.length,
                (System.nanoTime() - started) / 1_000_000);
        long headStarted = System.nanoTime();
        this.head = settings.headWeight() > 0 ? heads.trainOrRead(examples, labels, intents.length, HEAD_TRAINING)
                : null;
        log.info("trained or read the logistic-regression head in {} ms",
                (System.nanoTime() - headStarted) / 1_000_000);
        // the knowledge base's examples are embedded above already: the detectors reuse them
        float[][] requests = concat(embedder.embedAll(Exemplars.lines(Exemplars.REQUESTS)), examples);
        this.attacksOverRequests = new NearestExamples(embedder.embedAll(Exemplars.lines(Exemplars.ATTACKS)),
                requests, Exemplars.NEAREST);
        this.offTopicOverExamples = new NearestExamples(embedder.embedAll(Exemplars.lines(Exemplars.OFF_TOPIC)),
                examples, Exemplars.NEAREST);
        this.version = "embedding-knn-lr-1/" + embedder.modelName() + versionSuffix;
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    @Override
    public Classification classify(String raw) {
        // handles, links and hashtag signs say who and where, not what the customer asks
        String message = Lexicon.withoutAddresses(raw);
        float[] query = embedder.embed(message);
        List<float[]> embedded = new ArrayList<>(List.of(query));
        boolean rules = InjectionRules.match(raw);
        Classification classified = rules ? unknown(query, Agent.general, 0.05, List.of())
                : classify(message, query, embedded);
        return classified.withScreening(new Screening(rules, attacksOverRequests.best(embedded),
                offTopicOverExamples.score(query)));
    }

    /** @param embedded the message's embeddings so far; the sentences embedded apart are added */
    private Classification classify(String message, float[] query, List<float[]> embedded) {
        String normalized = Words.normalize(message);
        if (Lexicon.asksForHuman(normalized)) {
            return fixed(Taxonomy.HUMAN_HANDOFF, query);
        }
        if (Lexicon.isGreeting(normalized)) {
            return fixed("greeting", query);
        }
        if (Lexicon.isThanks(normalized)) {
            return fixed("thanks", query);
        }
        double[] similarity = scores(query, -1);
        double topSimilarity = Arrays.stream(similarity).max().orElse(0);
        double[] scores = withHead(query, similarity);
        List<String> sentences = sentences(message);
        List<double[]> bySentence = new ArrayList<>();
        if (sentences.size() > 1) {
            double[] best = new double[intents.length];
            Arrays.fill(best, -1);
            int words = Words.count(message);
            for (String sentence : sentences) {
                // a sentence that is most of the message scores like the message: spare the model that call
                double[] s = Words.count(sentence) >= MOSTLY_WHOLE * words ? scores
                        : scoresOf(embedded(sentence, embedded));
                bySentence.add(s);
                for (int i = 0; i < s.length; i++) {
                    best[i] = Math.max(best[i], s[i]);
                }
            }
            for (int i = 0; i < scores.length; i++) {
                scores[i] = (1 - settings.sentenceWeight()) * scores[i] + settings.sentenceWeight() * best[i];
            }
        }
        boostKeywords(normalized, scores);
        Classification decided = decide(query, scores, topSimilarity);
        return bySentence.isEmpty() || Taxonomy.UNKNOWN.equals(decided.intent()) ? decided
                : decided.withSecondary(secondary(decided.intent(), bySentence));
    }

    /**
     * Further issues of a multi-issue message: the intents other sentences are clearly about (the intent a sentence's
     * own softmax gives at least {@code secondaryConfidence}), besides the main ask, at most two, most likely first.
     */
    private List<String> secondary(String main, List<double[]> bySentence) {
        Map<String, Double> found = new HashMap<>();
        for (double[] s : bySentence) {
            double[] p = softmax(s, settings.temperature());
            int top = ranked(p)[0];
            if (p[top] >= settings.secondaryConfidence() && !intents[top].equals(main) && !NOT_AN_ISSUE.contains(intents[top])) {
                found.merge(intents[top], p[top], Math::max);
            }
        }
        return found.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(2)
                .map(Map.Entry::getKey).toList();
    }

    private float[] embedded(String sentence, List<float[]> embedded) {
        float[] vector = embedder.embed(sentence);
        embedded.add(vector);
        return vector;
    }

    private double[] scoresOf(float[] vector) {
        return withHead(vector, scores(vector, -1));
    }

    /**
     * Product of experts: softmax((similarity + T log p_head) / T) is proportional to exp(similarity / T) * p_head^w.
     */
    private double[] withHead(float[] vector, double[] similarity) {
        if (head == null) {
            return similarity;
        }
        double[] logP = head.logProbabilities(vector);
        double[] combined = new double[similarity.length];
        for (int i = 0; i < combined.length; i++) {
            combined[i] = similarity[i] + settings.headWeight() * settings.temperature() * logP[i];
        }
        return combined;
    }

    /** Very short messages ("wifi pw?", "late fee") carry little for an embedding; the KB keywords help there. */
    private void boostKeywords(String normalized, double[] scores) {
        if (Words.count(normalized) > settings.shortMessageWords()) {
            return;
        }
        String padded = " " + normalized + " ";
        for (int i = 0; i < intents.length; i++) {
            for (String keyword : keywords[i]) {
                if (padded.contains(keyword)) {
                    scores[i] += settings.keywordBoost();
                    break;
                }
            }
        }
    }

    Classification decide(float[] query, double[] scores, double topSimilarity) {
        double[] probabilities = softmax(scores, settings.temperature());
        Map<Agent, Double> byAgent = new EnumMap<>(Agent.class);
        for (int i = 0; i < intents.length; i++) {
            byAgent.merge(agents[i], probabilities[i], Double::sum);
        }
        Agent agent = byAgent.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Integer[] order = ranked(probabilities);
        List<Classification.Candidate> candidates = Arrays.stream(order).limit(3)
                .map(i -> new Classification.Candidate(intents[i], agents[i], round(probabilities[i]))).toList();
        int best = Arrays.stream(order).filter(i -> agents[i] == agent).findFirst().orElseThrow();
        if (topSimilarity < settings.similarityFloor()) {
            return unknown(query, Agent.general, Math.min(probabilities[order[0]], topSimilarity), candidates);
        }
        if (probabilities[best] < settings.confidenceThreshold()) {
            return unknown(query, agent, probabilities[best], candidates);
        }
        return new Classification(intents[best], agent, round(probabilities[best]), candidates, version, query,
                List.of());
    }

    private Classification fixed(String intent, float[] query) {
        return new Classification(intent, Taxonomy.agentOf(intent), 0.99,
                List.of(new Classification.Candidate(intent, Taxonomy.agentOf(intent), 0.99)), version, query, List.of());
    }

    private Classification unknown(float[] query, Agent agent, double confidence, List<Classification.Candidate> candidates) {
        return new Classification(Taxonomy.UNKNOWN, agent, round(Math.max(0, confidence)), candidates, version, query,
                List.of());
    }

    /** Per intent: mean of centroid similarity and of the K best example similarities; {@code skip} leaves one example out. */
    double[] scores(float[] query, int skip) {
        double[] centroidSimilarity = new double[intents.length];
        for (int i = 0; i < intents.length; i++) {
            float[] c = skip >= 0 && labels[skip] == i ? centroid(i, skip) : centroids[i];
            centroidSimilarity[i] = dot(query, c);
        }
        double[][] top = new double[intents.length][K];
        for (double[] t : top) {
            Arrays.fill(t, -1);
        }
        float[] similarity = exampleVectors.cosines(query);
        for (int e = 0; e < examples.length; e++) {
            if (e == skip) {
                continue;
            }
            double s = similarity[e];
            double[] t = top[labels[e]];
            if (s > t[K - 1]) {
                int j = K - 1;
                while (j > 0 && t[j - 1] < s) {
                    t[j] = t[j - 1];
                    j--;
                }
                t[j] = s;
            }
        }
        double[] scores = new double[intents.length];
        for (int i = 0; i < intents.length; i++) {
            scores[i] = 0.5 * centroidSimilarity[i] + 0.5 * Arrays.stream(top[i]).average().orElse(0);
        }
        return scores;
    }

    static List<String> sentences(String message) {
        if (Words.count(message) < LONG_MESSAGE_WORDS) {
            return List.of(message);
        }
        List<String> parts = Arrays.stream(SENTENCE_END.split(message.trim()))
                .map(String::trim).filter(s -> Words.count(s) >= 3).toList();
        if (parts.size() <= MAX_SENTENCES) {
            return parts;
        }
        // the ask is usually at the start or the end of a story
        List<String> kept = new ArrayList<>(parts.subList(0, 2));
        kept.addAll(parts.subList(parts.size() - 2, parts.size()));
        return kept;
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

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] softmax(double[] scores, double temperature) {
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

    private static Integer[] ranked(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> values[i]).reversed());
        return order;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** Leave-one-out over the examples: how often the right intent wins, with the scores the fit needs. */
    LeaveOneOut leaveOneOut() {
        double[][] scores = new double[examples.length][];
        for (int e = 0; e < examples.length; e++) {
            scores[e] = scores(examples[e], e);
        }
        return new LeaveOneOut(scores, labels.clone());
    }

    record LeaveOneOut(double[][] scores, int[] labels) {
    }

    String version() {
        return version;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%d intents, %d examples, %s)", version, intents.length, examples.length,
                settings);
    }
}
