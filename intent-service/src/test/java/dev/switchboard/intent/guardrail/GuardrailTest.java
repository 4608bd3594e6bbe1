package dev.switchboard.intent.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.events.Agent;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.Screening;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardrailTest {

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final Guardrail guardrail = new Guardrail(Guardrail.Settings.defaults(), meters);

    @Test
    void aRuleMatchIsRefusedHoweverLowItsSemanticScore() {
        // Given a message a lexical rule matched, the detectors finding nothing
        // When it is judged
        // Then it is refused
        assertThat(judge(new Screening(true, -0.5, -0.5), Double.NEGATIVE_INFINITY, true))
                .isEqualTo(Guardrail.Outcome.refused);
    }

    @Test
    void theAttackScoreRefusesFromItsThresholdAndSuspectsBelow() {
        // Given attack scores around the defaults (suspect from 0.04, refuse from 0.10)
        // When each is judged as a first turn
        // Then below 0.04 is clear, up to 0.10 suspected, from 0.10 refused
        assertThat(judge(new Screening(false, 0.039, -1), -2, true)).isEqualTo(Guardrail.Outcome.clear);
        assertThat(judge(new Screening(false, 0.04, -1), -2, true)).isEqualTo(Guardrail.Outcome.suspected);
        assertThat(judge(new Screening(false, 0.099, -1), -2, true)).isEqualTo(Guardrail.Outcome.suspected);
        assertThat(judge(new Screening(false, 0.10, -1), -2, true)).isEqualTo(Guardrail.Outcome.refused);
    }

    @Test
    void aSuspectedTurnAfterASuspectedTurnIsRefused() {
        // Given a turn the detectors suspect, after one they suspected too, and one after a clear turn
        // When both are judged
        // Then the set-up over two turns is refused, the other only suspected
        assertThat(judge(new Screening(false, 0.05, -1), 0.06, true)).isEqualTo(Guardrail.Outcome.refused);
        assertThat(judge(new Screening(false, 0.05, -1), 0.01, true)).isEqualTo(Guardrail.Outcome.suspected);
    }

    @Test
    void offTopicGetsTheScopeReplyOnlyWhenTheTurnIsReadOnItsOwn() {
        // Given an off-topic score above the threshold (0.02)
        Screening poem = new Screening(false, -0.1, 0.05);

        // When it is judged on its own, and as a follow-up
        // Then on its own it gets the scope reply, as a follow-up it passes; below the threshold it passes
        assertThat(judge(poem, -2, true)).isEqualTo(Guardrail.Outcome.scope);
        assertThat(judge(poem, -2, false)).isEqualTo(Guardrail.Outcome.clear);
        assertThat(judge(new Screening(false, -0.1, 0.019), -2, true)).isEqualTo(Guardrail.Outcome.clear);
        assertThat(meters.counter("intent.guardrail", "outcome", "scope").count()).isEqualTo(1.0);
        assertThat(meters.counter("intent.guardrail", "outcome", "clear").count()).isEqualTo(2.0);
    }

    @Test
    void anAttackThatIsAlsoOffTopicIsRefused() {
        // Given a message both detectors flag
        // When it is judged
        // Then the refusal wins over the scope reply
        assertThat(judge(new Screening(false, 0.2, 0.3), -2, true)).isEqualTo(Guardrail.Outcome.refused);
    }

    private Guardrail.Outcome judge(Screening screening, double previousAttack, boolean mayBeOffTopic) {
        Classification classified = new Classification("unknown", Agent.general, 0.1, List.of(), "test",
                new float[0], List.of()).withScreening(screening);
        return guardrail.judge(classified, previousAttack, mayBeOffTopic);
    }
}
