package dev.switchboard.intent.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.intent.context.ConversationContextAccess;
import dev.switchboard.intent.frustration.FrustrationScorer;
import dev.switchboard.schemas.Taxonomy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TurnRouterTest {

    /** A stand-in classifier: the message decides its own answer. */
    static final Map<String, Classification> ANSWERS = Map.of(
            "my internet is down again", known("internet_outage", Agent.tech_support, 0.9),
            "THIS IS USELESS, STILL NOT WORKING!!", known("internet_outage", Agent.tech_support, 0.9),
            "still not working", unknown(),
            "how much is it?", known("plan_change", Agent.billing, 0.4),
            "I want to check my bill", known("bill_explanation", Agent.billing, 0.95),
            "I need to upgrade my plan", known("plan_change", Agent.billing, 0.95));

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final IntentClassifier classifier = ANSWERS::get;
    final TurnRouter router = new TurnRouter(classifier, new FrustrationScorer(), ConversationContextAccess.create(),
            new TurnRouter.Settings(0.5, 6, 0.8, 0.5), meters);

    @Test
    void aShortFollowUpKeepsThePreviousTopic() {
        // Given a conversation about an outage
        router.route("c-1", "my internet is down again", 1_000);

        // When the customer only says it is still not working
        TurnRouter.Routed routed = router.route("c-1", "still not working", 2_000);

        // Then it stays with tech support and the outage
        assertThat(routed.followUp()).isTrue();
        assertThat(routed.classification().intent()).isEqualTo("internet_outage");
        assertThat(routed.classification().agent()).isEqualTo(Agent.tech_support);
    }

    @Test
    void aFollowUpThatClearlyBelongsElsewhereMovesOn() {
        // Given a conversation about an outage
        router.route("c-2", "my internet is down again", 1_000);

        // When the customer confidently asks about a bill
        TurnRouter.Routed routed = router.route("c-2", "I want to check my bill", 2_000);

        // Then billing takes it
        assertThat(routed.followUp()).isFalse();
        assertThat(routed.classification().intent()).isEqualTo("bill_explanation");
    }

    @Test
    void twoFrustratedTurnsInARowEscalateToAPersonKeepingTheRealIntentAsCandidate() {
        // Given a frustrated turn
        router.route("c-3", "THIS IS USELESS, STILL NOT WORKING!!", 1_000);

        // When the next turn is frustrated too
        TurnRouter.Routed routed = router.route("c-3", "THIS IS USELESS, STILL NOT WORKING!!", 2_000);

        // Then it goes to a human, the real intent first among the candidates, and it is counted
        assertThat(routed.escalated()).isTrue();
        assertThat(routed.classification().intent()).isEqualTo(Taxonomy.HUMAN_HANDOFF);
        assertThat(routed.classification().agent()).isEqualTo(Agent.general);
        assertThat(routed.classification().candidates().get(0).intent()).isEqualTo("internet_outage");
        assertThat(meters.counter("intent.frustration.escalations").count()).isEqualTo(1.0);
    }

    @Test
    void oneFrustratedTurnAloneIsNotEscalated() {
        // Given / When a first frustrated turn
        TurnRouter.Routed routed = router.route("c-4", "THIS IS USELESS, STILL NOT WORKING!!", 1_000);

        // Then the frustration is carried but the intent stays
        assertThat(routed.frustration()).isGreaterThanOrEqualTo(0.5);
        assertThat(routed.escalated()).isFalse();
        assertThat(routed.classification().intent()).isEqualTo("internet_outage");
    }

    private static Classification known(String intent, Agent agent, double confidence) {
        return new Classification(intent, agent, confidence, List.of(new Classification.Candidate(intent, agent,
                confidence)), "test", new float[0]);
    }

    private static Classification unknown() {
        return new Classification(Taxonomy.UNKNOWN, Agent.general, 0.1, List.of(), "test", new float[0]);
    }
}
