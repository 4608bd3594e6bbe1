package dev.switchboard.language.guardrail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestExamplesTest {

    // unit vectors in the plane: the first set around the x axis, the second around the y axis
    static final float[][] FIRST = {unit(0), unit(10), unit(20), unit(80)};
    static final float[][] SECOND = {unit(90), unit(80), unit(70)};

    @Test
    void theScoreIsTheMeanOfTheNearestOfTheFirstSetMinusThatOfTheSecond() {
        // Given a contrast over the two nearest examples
        NearestExamples contrast = new NearestExamples(FIRST, SECOND, 2);

        // When a vector on the x axis is scored
        double score = contrast.score(unit(0));

        // Then its nearest two of the first set (0 and 10 degrees) outweigh its nearest two of the second (70, 80)
        double expected = (1 + Math.cos(Math.toRadians(10))) / 2
                - (Math.cos(Math.toRadians(70)) + Math.cos(Math.toRadians(80))) / 2;
        assertThat(score).isCloseTo(expected, within(1e-6));
        assertThat(contrast.score(unit(85))).isNegative();
    }

    @Test
    void severalEmbeddingsOfOneMessageScoreTheirHighest() {
        // Given a message whose whole leans to the second set but one sentence to the first
        NearestExamples contrast = new NearestExamples(FIRST, SECOND, 2);

        // When its embeddings are scored together
        double best = contrast.best(List.of(unit(85), unit(5)));

        // Then the sentence's score counts
        assertThat(best).isEqualTo(contrast.score(unit(5)));
    }

    @Test
    void cosinesGivenWithTheVectorCountAsExamplesOfTheSecondSet() {
        // Given the second set split: its first example held by the contrast, the other two only as cosines
        NearestExamples whole = new NearestExamples(FIRST, SECOND, 2);
        NearestExamples part = new NearestExamples(FIRST, new float[][] {SECOND[0]}, 2);
        float[] vector = unit(75);
        float[] restOfSecond = {(float) Math.cos(Math.toRadians(5)), (float) Math.cos(Math.toRadians(5))};

        // When the vector is scored with the cosines of the other two (80 and 70 degrees: 5 away from 75)
        double score = part.score(vector, restOfSecond);

        // Then it scores as with the whole second set
        assertThat(score).isCloseTo(whole.score(vector), within(1e-6));
        assertThat(part.best(List.of(unit(0), vector), List.of(new float[] {-1, -1}, restOfSecond)))
                .isEqualTo(Math.max(part.score(unit(0), new float[] {-1, -1}), score));
    }

    @Test
    void theSharedExamplesAreOnTheClassPath() {
        // Given the module's example files
        // When they are read
        // Then each holds examples and no comment line
        for (String resource : List.of(Exemplars.ATTACKS, Exemplars.REQUESTS, Exemplars.OFF_TOPIC)) {
            assertThat(Exemplars.lines(resource)).as(resource).hasSizeGreaterThan(100)
                    .noneMatch(line -> line.startsWith("# "));
        }
    }

    private static float[] unit(double degrees) {
        double radians = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(radians), (float) Math.sin(radians)};
    }
}
