package dev.switchboard.knowledge.versions;

import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.ExampleRouting;
import dev.switchboard.knowledge.retrieval.Retriever;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Refuses a knowledge base version that tells its own intents apart worse than the one it would replace: every
 * example phrase, left out in turn, must still be routed to its intent by the rest (ExampleRouting) about as often as
 * under the served version, and never below a floor. Examples pasted under the wrong intent, or intents rewritten to
 * say the same as others, fail here instead of misrouting customers.
 */
final class AccuracyGate {

    /** How many misrouted examples a refusal quotes. */
    private static final int QUOTED = 5;

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

    private final Retriever retriever;
    private final Settings settings;

    AccuracyGate(Retriever retriever, Settings settings) {
        this.retriever = retriever;
        this.settings = settings;
    }

    /** Passes quietly, or throws {@link Refused}. Embeds the candidate's new texts: call it off the event loop. */
    void check(KnowledgeBase candidate) {
        Retriever.Served served = retriever.served();
        ExampleRouting before = served.index().routeExamples();
        ExampleRouting after = retriever.candidate(candidate).routeExamples();
        double required = Math.max(settings.minAccuracy(), before.accuracy() - settings.maxDrop());
        if (after.accuracy() < required) {
            throw new Refused(String.format(Locale.ROOT, "the accuracy gate refused it: %.3f of its %d example phrases "
                    + "are routed to their own intent when each is left out, where the active version %d routes "
                    + "%.3f of %d and at least %.3f is required (at most %.3f below the active version, never below "
                    + "%.3f); newly misrouted, for example: %s", after.accuracy(), after.examples(),
                    served.version().versionId(), before.accuracy(), before.examples(), required,
                    settings.maxDrop(), settings.minAccuracy(), after.misrouted().stream()
                            .filter(m -> !before.misrouted().contains(m)).limit(QUOTED)
                            .map(m -> "\"" + m.example() + "\" (" + m.intent() + " -> " + m.routedTo() + ")")
                            .collect(Collectors.joining(", "))));
        }
    }
}
