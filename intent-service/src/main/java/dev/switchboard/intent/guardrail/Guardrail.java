package dev.switchboard.intent.guardrail;

import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.Screening;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * The input guardrail, on every turn before anyone answers it (docs/intent-classification.md, "The input
 * guardrail"): decides from what the classifier's detectors found ({@link Screening}) whether the turn is refused,
 * gets the scope reply, or is answered as usual, perhaps merely suspected. Counted as
 * {@code intent.guardrail{outcome}}.
 */
@Component
@EnableConfigurationProperties(Guardrail.Settings.class)
public class Guardrail {

    /**
     * What the guardrail decided of a turn: nothing found, suspected, refused (an attack), scope (off-topic) or crisis
     * (a person who may be at risk, found before anything else). {@code refused}, {@code scope} and {@code crisis} are
     * answered by intent-service itself (route guardrail) with the refusal, the scope reply or the crisis reply;
     * {@code suspected} is answered as usual, and llm-fallback-service's own detector keeps it from the model.
     */
    public enum Outcome {
        clear, suspected, refused, scope, crisis;

        /** Answered with the guardrail's own reply in any language: the language reply gives way to it. */
        public boolean overridesTheLanguage() {
            return this == refused || this == crisis;
        }
    }

    /**
     * @param refuseFrom an attack score from which the turn is refused (llm-fallback-service refuses from the same)
     * @param suspectFrom an attack score from which the turn is suspected; two suspected turns in a row of one
     *     conversation (a set-up over several turns) are refused
     * @param offTopicFrom an off-topic score from which a turn that is not a follow-up gets the scope reply
     * @param learnedRefuseFrom the learned detector's probability plus {@code attackWeight} times the attack score
     *     from which the turn is refused: the learned detector refuses when the example contrast leans its way at all
     *     (0.99 with the contrast at 0.02, 0.975 at 0.05)
     * @param askingRefuseFrom the same sum from which a turn that asks the assistant to do or tell something
     *     ({@link AttackSignals#asksTheAssistant}) is refused: real customers' complaints the detector scores just
     *     under its line are mostly accounts of what went wrong, where an attack always asks for something
     * @param attackWeight how much the attack score counts beside the learned probability
     */
    @ConfigurationProperties("switchboard.guardrail")
    public record Settings(@DefaultValue("0.10") double refuseFrom, @DefaultValue("0.04") double suspectFrom,
            @DefaultValue("0.02") double offTopicFrom, @DefaultValue("1.0") double learnedRefuseFrom,
            @DefaultValue("0.96") double askingRefuseFrom, @DefaultValue("0.5") double attackWeight) {

        public static Settings defaults() {
            return new Settings(0.10, 0.04, 0.02, 1.0, 0.96, 0.5);
        }
    }

    private final Settings settings;
    private final MeterRegistry meters;

    public Guardrail(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * What the conversation's earlier turns leave for the guardrail to judge the next one by.
     *
     * @param attack the highest attack score of its turns so far ({@code Screening.NONE}'s when there are none)
     * @param setUp one of them set up a premise a later turn may exploit (a game, a code word, a story)
     */
    public record Earlier(double attack, boolean setUp) {

        public static final Earlier NONE = new Earlier(Screening.NONE.attack(), false);
    }

    /**
     * @param message the turn as the customer wrote it, for the structural signals ({@link AttackSignals})
     * @param earlier what the conversation's earlier turns left
     * @param mayBeOffTopic false for a turn read in the conversation's context (a follow-up, a clarification's pick):
     *     "and tomorrow?" is no weather question after an outage
     */
    public Outcome judge(String message, Classification classified, Earlier earlier, boolean mayBeOffTopic) {
        Outcome outcome = decide(message, classified.screening(), earlier, mayBeOffTopic);
        meters.counter("intent.guardrail", "outcome", outcome.name()).increment();
        return outcome;
    }

    /** What the conversation leaves for its next turn once this one is judged. */
    public Earlier after(Earlier earlier, String message, Classification classified) {
        return new Earlier(Math.max(earlier.attack(), classified.screening().attack()),
                earlier.setUp() || AttackSignals.setsUp(message));
    }

    private Outcome decide(String message, Screening found, Earlier earlier, boolean mayBeOffTopic) {
        if (CrisisSignals.match(message)) {
            return Outcome.crisis;
        }
        boolean suspect = found.attack() >= settings.suspectFrom();
        // a set-up over several turns: a suspected turn after another, or a premise cashed in
        boolean setUpCashedIn = earlier.setUp() && (suspect || AttackSignals.cashesIn(message));
        if (found.rules() || found.attack() >= settings.refuseFrom() || AttackSignals.match(message)
                || suspect && earlier.attack() >= settings.suspectFrom() || setUpCashedIn) {
            return Outcome.refused;
        }
        boolean offTopic = mayBeOffTopic && found.offTopic() >= settings.offTopicFrom();
        // the learned detector alone declines an off-topic request with the scope reply, not the refusal: a limerick
        // about a neighbour's goat is no attack, and a harmful request outside the service is declined either way
        double learnedSum = found.learned() + settings.attackWeight() * found.attack();
        if ((learnedSum >= settings.learnedRefuseFrom()
                || learnedSum >= settings.askingRefuseFrom() && AttackSignals.asksTheAssistant(message)) && !offTopic) {
            return Outcome.refused;
        }
        if (offTopic) {
            return Outcome.scope;
        }
        return suspect ? Outcome.suspected : Outcome.clear;
    }
}
