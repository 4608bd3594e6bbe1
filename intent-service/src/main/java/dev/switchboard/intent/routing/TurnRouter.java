package dev.switchboard.intent.routing;

import dev.switchboard.events.Agent;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.intent.context.ConversationContext;
import dev.switchboard.intent.frustration.FrustrationScorer;
import dev.switchboard.schemas.Taxonomy;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * One turn of a conversation: the classifier's view of the message, corrected by what the conversation said before.
 *
 * <ul>
 * <li>A short follow-up ("still not working", "how much is it?") keeps the previous turn's intent and agent unless
 * the classifier is confident it belongs elsewhere.</li>
 * <li>Two frustrated turns in a row route to {@code human_handoff} (agent general) so the reply offers a person; the
 * candidates still list the real intent first, so analytics and the knowledge service can see what it was about.
 * Counted as {@code intent.frustration.escalations}.</li>
 * </ul>
 */
@Component
@EnableConfigurationProperties(TurnRouter.Settings.class)
class TurnRouter {

    /**
     * @param frustrationThreshold a turn at or above it counts as frustrated
     * @param followUpMaxWords longer messages are never treated as follow-ups
     * @param clearlyElsewhere a follow-up classified at or above this confidence leaves the previous topic
     * @param lowConfidence classifications below it are counted as low confidence
     */
    @ConfigurationProperties("switchboard.routing")
    record Settings(@DefaultValue("0.5") double frustrationThreshold, @DefaultValue("6") int followUpMaxWords,
            @DefaultValue("0.8") double clearlyElsewhere, @DefaultValue("0.5") double lowConfidence) {
    }

    record Routed(Classification classification, double frustration, boolean followUp, boolean escalated) {
    }

    private static final Set<String> NOT_A_TOPIC = Set.of(Taxonomy.UNKNOWN, Taxonomy.HUMAN_HANDOFF, "greeting", "thanks");
    private static final Pattern FOLLOW_UP = Pattern.compile(
            "(?i)\\b(?:still|again|same|it|that|this|those|them|how much|how long|what about|and|also|any update|why)\\b");

    private final IntentClassifier classifier;
    private final FrustrationScorer frustration;
    private final ConversationContext context;
    private final Settings settings;
    private final MeterRegistry meters;
    private final Timer latency;

    TurnRouter(IntentClassifier classifier, FrustrationScorer frustration, ConversationContext context,
            Settings settings, MeterRegistry meters) {
        this.classifier = classifier;
        this.frustration = frustration;
        this.context = context;
        this.settings = settings;
        this.meters = meters;
        this.latency = Timer.builder("intent.classification.latency").description("time to classify one message")
                .publishPercentileHistogram().register(meters);
    }

    Routed route(String conversationId, String message, long nowMillis) {
        Classification classified = latency.record(() -> classifier.classify(message));
        double anger = frustration.score(message);
        var previous = context.previous(conversationId, nowMillis);
        boolean followUp = false;
        boolean escalated = false;
        Classification result = classified;
        if (previous.isPresent() && isFollowUp(message, classified, previous.get())) {
            ConversationContext.Turn turn = previous.get();
            result = new Classification(turn.intent(), turn.agent(), classified.confidence(), classified.candidates(),
                    classified.classifierVersion(), classified.embedding());
            followUp = true;
            meters.counter("intent.context.followups").increment();
        }
        boolean frustratedNow = anger >= settings.frustrationThreshold();
        if (frustratedNow && previous.filter(t -> t.frustration() >= settings.frustrationThreshold()).isPresent()
                && !Taxonomy.HUMAN_HANDOFF.equals(result.intent())) {
            result = escalate(result);
            escalated = true;
            meters.counter("intent.frustration.escalations").increment();
        }
        context.remember(conversationId, new ConversationContext.Turn(result.intent(), result.agent(), anger, nowMillis));
        meters.counter("intent.classified", "intent", result.intent(), "agent", result.agent().name()).increment();
        meters.counter("intent.routed", "agent", result.agent().name()).increment();
        if (Taxonomy.UNKNOWN.equals(result.intent()) || result.confidence() < settings.lowConfidence()) {
            meters.counter("intent.low_confidence").increment();
        }
        return new Routed(result, anger, followUp, escalated);
    }

    private boolean isFollowUp(String message, Classification classified, ConversationContext.Turn previous) {
        // nothing to continue after an unclear turn; a request for a person, a greeting or thanks is never a follow-up
        if (NOT_A_TOPIC.contains(previous.intent())
                || (NOT_A_TOPIC.contains(classified.intent()) && !Taxonomy.UNKNOWN.equals(classified.intent()))) {
            return false;
        }
        int words = message.trim().split("\\s+").length;
        if (words > settings.followUpMaxWords()) {
            return false;
        }
        boolean clearlyElsewhere = !Taxonomy.UNKNOWN.equals(classified.intent())
                && classified.confidence() >= settings.clearlyElsewhere();
        return !clearlyElsewhere && (FOLLOW_UP.matcher(message).find() || Taxonomy.UNKNOWN.equals(classified.intent()));
    }

    /** The real intent stays first among the candidates; the routing goes to a person. */
    private static Classification escalate(Classification real) {
        List<Classification.Candidate> candidates = new ArrayList<>();
        candidates.add(new Classification.Candidate(real.intent(), real.agent(), real.confidence()));
        real.candidates().stream().filter(c -> !c.intent().equals(real.intent())).limit(2).forEach(candidates::add);
        return new Classification(Taxonomy.HUMAN_HANDOFF, Agent.general, real.confidence(), candidates,
                real.classifierVersion(), real.embedding());
    }
}
