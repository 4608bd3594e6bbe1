package dev.switchboard.intent.frustration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrustrationScorerTest {

    final FrustrationScorer scorer = new FrustrationScorer();

    @Test
    void aCalmQuestionIsNotFrustrated() {
        // Given / When / Then
        assertThat(scorer.score("how do I set up autopay?")).isLessThan(0.2);
    }

    @Test
    void shoutingRepeatedFailuresAndVerdictsAreFrustrated() {
        // Given an angry customer on the third attempt
        String message = "THIS IS THE THIRD TIME I'M CALLING, YOUR SERVICE IS USELESS!!";

        // When it is scored
        double score = scorer.score(message);

        // Then it is clearly frustrated
        assertThat(score).isGreaterThanOrEqualTo(0.5);
    }

    @Test
    void profanityAndStillNotWorkingAddUp() {
        assertThat(scorer.score("the damn internet is still not working, this is ridiculous")).isGreaterThanOrEqualTo(0.5);
    }
}
