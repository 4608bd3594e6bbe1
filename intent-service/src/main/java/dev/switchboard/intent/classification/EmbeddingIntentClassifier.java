package dev.switchboard.intent.classification;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.IntentModel;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.Agent;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.language.Words;
import dev.switchboard.language.guardrail.Exemplars;
import dev.switchboard.language.guardrail.InjectionRules;
import dev.switchboard.language.guardrail.NearestExamples;
import dev.switchboard.schemas.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a message by sentence embeddings against the knowledge base's example utterances.
 *
 * <p>The scores, probabilities and routed intent are the {@link IntentModel}'s (module {@code classifier}: the
 * similarity to the examples times a softmax-regression head, trained on the version's examples). Around it: the
 * {@link Lexicon}'s rules, and long messages are also scored sentence by sentence, the best sentence counting as much
 * as the whole message, so the customer's actual ask outweighs the story around it. The other sentences' clear intents
 * are the message's secondary intents (a multi-issue message routes on its main ask).
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
    private static final int LONG_MESSAGE_WORDS = 12;
    private static final int MAX_SENTENCES = 4;
    private static final double MOSTLY_WHOLE = 0.8;
    private static final Set<String> NOT_AN_ISSUE = Set.of("greeting", "thanks");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\s*\\n+\\s*|\\s+(?:but|also|and also)\\s+");

    /**
     * intent-service's own examples of the attack families that read like ordinary requests, and of the customers'
     * requests close to them (issue 18), beside the shared ones.
     */
    static final String ATTACK_FAMILIES = "guardrail/attack-families.txt";
    static final String REQUEST_FAMILIES = "guardrail/request-families.txt";
    /** The learned detector's own training examples, family by family (issue 18, docs: "A learned attack detector"). */
    static final String LEARNED_ATTACKS = "guardrail/learned-attacks.txt";
    static final String LEARNED_REQUESTS = "guardrail/learned-requests.txt";

    private final SentenceEmbedder embedder;
    private final ClassifierSettings settings;
    private final IntentModel model;
    private final String[] intents;
    private final Agent[] agents;
    private final String[][] keywords;
    private final String version;
    private final NearestExamples attacksOverRequests;
    private final NearestExamples offTopicOverExamples;
    private final AttackRegression learnedAttacks;

    public EmbeddingIntentClassifier(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings) {
        this(embedder, training, settings, TrainedHeads.in(null), "");
    }

    /**
     * @param heads where the trained heads are kept (the service's cache directory; the tests' build cache)
     * @param versionSuffix appended to the classifier's version: what it was trained on (the knowledge base version)
     */
    public EmbeddingIntentClassifier(SentenceEmbedder embedder, TrainingExamples training, ClassifierSettings settings,
            TrainedHeads heads, String versionSuffix) {
        this.embedder = embedder;
        this.settings = settings;
        this.model = new IntentModel(embedder, training, settings, heads);
        this.intents = model.intents().toArray(String[]::new);
        this.agents = IntStream.range(0, intents.length).mapToObj(model::agentOf).toArray(Agent[]::new);
        this.keywords = Arrays.stream(intents).map(i -> training.keywords().get(i).stream()
                .map(k -> " " + Words.normalize(k) + " ").toArray(String[]::new)).toArray(String[][]::new);
        this.version = "embedding-knn-lr-1/" + embedder.modelName() + versionSuffix;
        // the knowledge base's examples are embedded by the model already, and a message's cosines with them computed
        // for the model: the detectors' ordinary requests include them, scored from those cosines (Embedded)
        float[][] examples = model.exampleVectors();
        List<String> ownRequestTexts = both(Exemplars.REQUESTS, REQUEST_FAMILIES);
        float[][] ownRequests = embedder.embedAll(ownRequestTexts);
        AttackRegression.Examples requests = new AttackRegression.Examples(ownRequests, ownRequestTexts)
                .and(new AttackRegression.Examples(examples, model.exampleTexts()));
        AttackRegression.Examples attacks = embedded(both(Exemplars.ATTACKS, ATTACK_FAMILIES));
        AttackRegression.Examples offTopic = embedded(Exemplars.lines(Exemplars.OFF_TOPIC));
        this.attacksOverRequests = new NearestExamples(attacks.vectors(), ownRequests, Exemplars.NEAREST);
        this.offTopicOverExamples = new NearestExamples(offTopic.vectors(), new float[0][], Exemplars.NEAREST);
        // the learned detector sees every example above, its own, and the off-topic requests as ordinary: asking
        // for a poem is out of scope, not an attack
        long started = System.nanoTime();
        AttackRegression.Examples learnedAttackExamples = embedded(Exemplars.lines(LEARNED_ATTACKS));
        AttackRegression.Examples learnedRequestExamples = embedded(Exemplars.lines(LEARNED_REQUESTS));
        long embeddedAt = System.nanoTime();
        this.learnedAttacks = AttackRegression.trainOrRead(heads, attacks.and(learnedAttackExamples),
                requests.and(learnedRequestExamples).and(offTopic), AttackRegression.Training.DEFAULT);
        log.info("learned attack detector: embedded {} examples in {} ms, trained or read in {} ms",
                learnedAttackExamples.size() + learnedRequestExamples.size(), (embeddedAt - started) / 1_000_000,
                (System.nanoTime() - embeddedAt) / 1_000_000);
    }

    private AttackRegression.Examples embedded(List<String> texts) {
        return new AttackRegression.Examples(embedder.embedAll(texts), texts);
    }

    /** The shared examples (module language) and intent-service's own of the same kind. */
    private static List<String> both(String shared, String own) {
        List<String> lines = new ArrayList<>(Exemplars.lines(shared));
        lines.addAll(Exemplars.lines(own));
        return lines;
    }

    @Override
    public Classification classify(String raw) {
        // handles, links and hashtag signs say who and where, not what the customer asks
        String words = Lexicon.withoutAddresses(raw);
        String message = words.isEmpty() ? raw : words;
        Embedded embedded = new Embedded();
        float[] query = embedded.add(message, embedder.embed(message));
        boolean rules = InjectionRules.match(raw);
        Classification classified = rules ? unknown(query, Agent.general, 0.05, List.of())
                : classify(message, query, embedded);
        return classified.withScreening(new Screening(rules,
                attacksOverRequests.best(embedded.vectors, embedded.exampleCosines),
                offTopicOverExamples.score(query, embedded.exampleCosines.get(0)),
                learnedAttacks.best(embedded.vectors, embedded.texts)));
    }

    /**
     * A message's embeddings (the whole of it first, then the sentences scored apart), each with its text and its
     * cosines with the knowledge base's examples, which the intent model and the detectors read: computed once, not
     * three times.
     */
    private final class Embedded {

        final List<String> texts = new ArrayList<>();
        final List<float[]> vectors = new ArrayList<>();
        final List<float[]> exampleCosines = new ArrayList<>();

        float[] add(String text, float[] vector) {
            texts.add(text);
            vectors.add(vector);
            exampleCosines.add(model.exampleCosines(vector));
            return vector;
        }

        /** Adds a sentence's embedding and gives the intent model's scores of it. */
        double[] addScored(String text, float[] vector) {
            add(text, vector);
            return model.scores(vector, exampleCosines.get(exampleCosines.size() - 1));
        }
    }

    /** @param embedded the message's embeddings so far; the sentences embedded apart are added */
    private Classification classify(String message, float[] query, Embedded embedded) {
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
        double[] similarity = model.similarity(query, embedded.exampleCosines.get(0));
        double topSimilarity = Arrays.stream(similarity).max().orElse(0);
        double[] scores = model.withHead(query, similarity);
        List<String> sentences = sentences(message);
        List<double[]> bySentence = new ArrayList<>();
        if (sentences.size() > 1) {
            double[] best = new double[intents.length];
            Arrays.fill(best, -1);
            int words = Words.count(message);
            for (String sentence : sentences) {
                // a sentence that is most of the message scores like the message: spare the model that call
                double[] s = Words.count(sentence) >= MOSTLY_WHOLE * words ? scores
                        : embedded.addScored(sentence, embedder.embed(sentence));
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
            double[] p = model.probabilities(s);
            int top = IntentModel.ranked(p)[0];
            if (p[top] >= settings.secondaryConfidence() && !intents[top].equals(main) && !NOT_AN_ISSUE.contains(intents[top])) {
                found.merge(intents[top], p[top], Math::max);
            }
        }
        return found.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(2)
                .map(Map.Entry::getKey).toList();
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
        double[] probabilities = model.probabilities(scores);
        int best = model.routed(probabilities);
        Agent agent = agents[best];
        Integer[] order = IntentModel.ranked(probabilities);
        List<Classification.Candidate> candidates = Arrays.stream(order).limit(3)
                .map(i -> new Classification.Candidate(intents[i], agents[i], round(probabilities[i]))).toList();
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

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    String version() {
        return version;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s(%d intents, %d examples, %s)", version, intents.length, model.examples(),
                settings);
    }
}
