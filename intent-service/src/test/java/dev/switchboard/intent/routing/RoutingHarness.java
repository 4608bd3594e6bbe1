package dev.switchboard.intent.routing;

import dev.switchboard.events.Route;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.intent.context.ConversationContextAccess;
import dev.switchboard.intent.evaluation.RoutingEvaluation.Prediction;
import dev.switchboard.intent.frustration.FrustrationScorer;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.intent.language.LanguageRecognizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Routes messages as the service does (classifier, dialogue state, clarification), in process: for the evaluation of
 * other packages. A clarification predicts its offered intents.
 */
public final class RoutingHarness {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TurnRouter router;
    private final AtomicLong clock = new AtomicLong();

    public RoutingHarness(IntentClassifier classifier, Map<String, String> titles) {
        this.router = new TurnRouter(classifier, new FrustrationScorer(), ConversationContextAccess.create(),
                TurnRouter.Settings.defaults(), new IntentTitles(titles),
                new Guardrail(Guardrail.Settings.defaults(), meters),
                new LanguageRecognizer(LanguageRecognizer.Settings.defaults(), meters), meters);
    }

    /** One turn of a conversation. */
    public Prediction route(String conversationId, String message) {
        TurnRouter.Routed routed = router.route(conversationId, message, null, clock.addAndGet(1_000));
        List<String> offered = routed.route() == Route.clarification ? routed.offered() : List.of();
        return new Prediction(routed.classification().agent().name(), routed.classification().intent(), offered);
    }

    /** What the input guardrail decides about a message as the first turn of its own conversation. */
    public Guardrail.Outcome screen(String message) {
        return screen(UUID.randomUUID().toString(), message);
    }

    /** What the input guardrail decides about one turn of a conversation (a set-up over several turns). */
    public Guardrail.Outcome screen(String conversationId, String message) {
        return router.route(conversationId, message, null, clock.addAndGet(1_000)).guardrail();
    }

    /** Every message as the first turn of its own conversation. */
    public Function<String, Prediction> firstTurns() {
        return message -> route(UUID.randomUUID().toString(), message);
    }
}
