package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The guardrail's second detector: catches attacks phrased in words the lexical patterns never saw. A message (and
 * each of its sentences, so an attack cannot hide behind a service question) is embedded and compared with example
 * attacks and example customer requests; its score is the mean cosine of its {@code k} nearest attacks minus that of
 * its {@code k} nearest requests. The highest score decides: from the lower threshold the message is suspect (kept
 * from the model), from the higher one it is an attack (refused).
 */
final class SemanticInjectionDetector {

    static final String ATTACKS = "guardrails/attack-exemplars.txt";
    static final String REQUESTS = "guardrails/benign-exemplars.txt";
    static final int NEAREST = 3;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\s*\\n\\s*");

    private final SentenceEmbedder embedder;
    private final List<float[]> attacks;
    private final List<float[]> requests;
    private final int nearest;
    private final double threshold;
    private final double refusalThreshold;

    enum Verdict { clear, suspect, attack }

    SemanticInjectionDetector(SentenceEmbedder embedder, List<String> attacks, List<String> requests, int nearest,
            double threshold, double refusalThreshold) {
        this.embedder = embedder;
        this.attacks = List.of(embedder.embedAll(attacks));
        this.requests = List.of(embedder.embedAll(requests));
        this.nearest = nearest;
        this.threshold = threshold;
        this.refusalThreshold = refusalThreshold;
    }

    /**
     * The shipped attacks, and as ordinary requests the look-alikes plus every customer example of a knowledge base
     * version (the intent classifier's training set), so a question about any intent has a close request.
     */
    static SemanticInjectionDetector of(TrainingExamples knowledgeBase, SentenceEmbedder embedder, double threshold,
            double refusalThreshold) {
        return new SemanticInjectionDetector(embedder, lines(ATTACKS), requests(knowledgeBase), NEAREST, threshold,
                refusalThreshold);
    }

    static List<String> requests(TrainingExamples knowledgeBase) {
        List<String> requests = new ArrayList<>(lines(REQUESTS));
        knowledgeBase.examples().values().forEach(requests::addAll);
        return requests;
    }

    /** Suspect or attack: in either case the model must not see the message. */
    boolean isInjection(String message) {
        return verdict(message) != Verdict.clear;
    }

    Verdict verdict(String message) {
        double score = score(message);
        return score >= refusalThreshold ? Verdict.attack : score >= threshold ? Verdict.suspect : Verdict.clear;
    }

    /** The highest of the whole message's score and each sentence's, between -2 and 2; above 0 leans attack. */
    double score(String message) {
        double best = Double.NEGATIVE_INFINITY;
        for (String part : parts(message)) {
            float[] vector = embedder.embed(part);
            best = Math.max(best, meanOfNearest(vector, attacks) - meanOfNearest(vector, requests));
        }
        return best;
    }

    // the whole message, then its sentences when it has more than one
    static List<String> parts(String message) {
        String whole = message.strip();
        List<String> parts = new ArrayList<>(List.of(whole));
        List<String> sentences = Arrays.stream(SENTENCE_END.split(whole)).map(String::strip)
                .filter(sentence -> !sentence.isEmpty()).toList();
        if (sentences.size() > 1) {
            parts.addAll(sentences);
        }
        return parts;
    }

    private double meanOfNearest(float[] vector, List<float[]> examples) {
        double[] nearestSimilarities = new double[nearest];
        Arrays.fill(nearestSimilarities, -1);
        for (float[] example : examples) {
            double similarity = dot(vector, example);
            // keep the k highest, smallest first
            if (similarity > nearestSimilarities[0]) {
                nearestSimilarities[0] = similarity;
                Arrays.sort(nearestSimilarities);
            }
        }
        return Arrays.stream(nearestSimilarities).average().orElse(0);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    static List<String> lines(String resource) {
        try (InputStream stream = open(resource)) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("# ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream stream = SemanticInjectionDetector.class.getClassLoader().getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalStateException(resource + " is not on the class path");
        }
        return stream;
    }
}
