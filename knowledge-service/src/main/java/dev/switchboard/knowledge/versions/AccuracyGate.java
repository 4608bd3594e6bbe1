package dev.switchboard.knowledge.versions;

import dev.switchboard.classifier.ClassifierSettings;
import dev.switchboard.classifier.ExampleRouting;
import dev.switchboard.classifier.IntentModel;
import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retriever;
import dev.switchboard.language.TrainingExamples;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Refuses a knowledge base version that the intent classifier trained on it (intent-service's: module
 * {@code classifier}) routes worse than the one it would replace: every example phrase, held out, must still be
 * routed to its own intent about as often as under the served version, and never below a floor. Examples pasted under
 * the wrong intent, or intents rewritten to say the same as others, fail here instead of misrouting customers.
 */
final class AccuracyGate {

    private static final Logger log = LoggerFactory.getLogger(AccuracyGate.class);
    /** How many misrouted examples a refusal quotes. */
    private static final int QUOTED = 5;
    /** The head's cross-validation: five heads instead of one per example (1,147), which would take many minutes. */
    static final int FOLDS = 5;
    /** Versions whose figures are remembered: the served one, and a refused or replaced one or two. */
    private static final int REMEMBERED = 4;

    /**
     * @param minAccuracy the share of examples a version must route to their own intent, whatever the served one does
     * @param maxDrop how much lower than the served version's share a new version's may be
     */
    @ConfigurationProperties("switchboard.knowledge.gate")
    record Settings(double minAccuracy, double maxDrop) {
    }

    /** A version the gate refused; the message gives both versions' figures and some misrouted examples. */
    static final class Refused extends RuntimeException {

        Refused(String message) {
            super(message);
        }
    }

    private final Supplier<Retriever.Served> served;
    private final Settings settings;
    private final ClassifierSettings classifier;
    private final TrainedHeads heads;
    /** Figures by examples: the served version's are computed once, not at every check. */
    private final Map<TrainingExamples, ExampleRouting> checked = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<TrainingExamples, ExampleRouting> eldest) {
                    return size() > REMEMBERED;
                }
            });

    AccuracyGate(Supplier<Retriever.Served> served, Settings settings, ClassifierSettings classifier,
            TrainedHeads heads) {
        this.served = served;
        this.settings = settings;
        this.classifier = classifier;
        this.heads = heads;
    }

    /**
     * Passes with the candidate's figures, or throws {@link Refused}. Trains the classifier (seconds of CPU): call it
     * off the event loop.
     */
    ExampleRouting check(KnowledgeBase candidate) {
        long started = System.nanoTime();
        Retriever.Served current = served.get();
        // the served index has embedded nearly every example phrase of the candidate already
        SentenceEmbedder embeddings = current.index().embeddings();
        ExampleRouting before = routing(current.knowledgeBase(), embeddings);
        ExampleRouting after = routing(candidate, embeddings);
        double required = Math.max(settings.minAccuracy(), before.accuracy() - settings.maxDrop());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (after.accuracy() < required) {
            throw new Refused(String.format(Locale.ROOT, "the accuracy gate refused it: the intent classifier trained "
                    + "on it routes %.3f of its %d example phrases to their own intent when each is held out, where "
                    + "the active version %d routes %.3f of %d and at least %.3f is required (at most %.3f below the "
                    + "active version, never below %.3f); newly misrouted, for example: %s", after.accuracy(),
                    after.examples(), current.version().versionId(), before.accuracy(), before.examples(), required,
                    settings.maxDrop(), settings.minAccuracy(), after.misrouted().stream()
                            .filter(m -> !before.misrouted().contains(m)).limit(QUOTED)
                            .map(m -> "\"" + m.example() + "\" (" + m.intent() + " -> " + m.routedTo() + ")")
                            .collect(Collectors.joining(", "))));
        }
        log.info("the accuracy gate passed version {}: {} of its {} example phrases routed right ({}), the active "
                + "version {} routes {} ({} required); checked in {} ms", candidate.version(), after.routedRight(),
                after.examples(), round(after.accuracy()), current.version().versionId(), round(before.accuracy()),
                round(required), millis);
        return after;
    }

    private ExampleRouting routing(KnowledgeBase knowledgeBase, SentenceEmbedder embeddings) {
        TrainingExamples training = trainingExamples(knowledgeBase);
        ExampleRouting known = checked.get(training);
        if (known != null) {
            return known;
        }
        ExampleRouting routing = IntentModel.routeOwnExamples(embeddings, training, classifier, heads, FOLDS);
        checked.put(training, routing);
        return routing;
    }

    /**
     * The examples, keywords and titles as intent-service reads them from the same document
     * ({@code TrainingExamples.fromJson}), in the document's order, so the classifier is trained exactly as there.
     */
    static TrainingExamples trainingExamples(KnowledgeBase knowledgeBase) {
        Map<String, List<String>> examples = new LinkedHashMap<>();
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        knowledgeBase.entries().forEach((intent, entry) -> {
            examples.put(intent, entry.examples());
            keywords.put(intent, entry.keywords());
            titles.put(intent, entry.title());
        });
        return new TrainingExamples(examples, keywords, titles);
    }

    private static String round(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
