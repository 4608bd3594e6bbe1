package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.language.guardrail.Exemplars;
import dev.switchboard.language.guardrail.NearestExamples;
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

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\s*\\n\\s*");

    private final SentenceEmbedder embedder;
    private final NearestExamples attacksOverRequests;
    private final double threshold;
    private final double refusalThreshold;

    enum Verdict { clear, suspect, attack }

    SemanticInjectionDetector(SentenceEmbedder embedder, List<String> attacks, List<String> requests, int nearest,
            double threshold, double refusalThreshold) {
        this.embedder = embedder;
        this.attacksOverRequests = new NearestExamples(embedder.embedAll(attacks), embedder.embedAll(requests), nearest);
        this.threshold = threshold;
        this.refusalThreshold = refusalThreshold;
    }

    /** The shipped attacks against the shipped look-alikes and a knowledge base version's examples (module language). */
    static SemanticInjectionDetector of(TrainingExamples knowledgeBase, SentenceEmbedder embedder, double threshold,
            double refusalThreshold) {
        return new SemanticInjectionDetector(embedder, Exemplars.lines(Exemplars.ATTACKS),
                Exemplars.requests(knowledgeBase), Exemplars.NEAREST, threshold, refusalThreshold);
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
        return attacksOverRequests.best(parts(message).stream().map(embedder::embed).toList());
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
}
