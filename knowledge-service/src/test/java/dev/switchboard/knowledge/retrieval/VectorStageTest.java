package dev.switchboard.knowledge.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class VectorStageTest {

    @Test
    void anIntentScoresTheMeanCosineOfItsThreeNearestDocumentsOrOfAllItHasWhenFewer() {
        // Given intent 0 with four documents, intent 1 with two and intent 2 with none
        float[][] vectors = {unit(0), unit(10), unit(20), unit(80), unit(90), unit(60)};
        List<KnowledgeIndex.Doc> docs = List.of(doc(0), doc(0), doc(0), doc(0), doc(1), doc(1));
        VectorStage stage = new VectorStage(vectors, docs, 3);

        // When a vector on the x axis is scored
        double[] scores = stage.score(unit(0));

        // Then intent 0 scores its nearest three (0, 10, 20 degrees), intent 1 both of its own, intent 2 nothing
        assertThat(scores[0]).isCloseTo((1 + cos(10) + cos(20)) / 3, within(1e-6));
        assertThat(scores[1]).isCloseTo((cos(90) + cos(60)) / 2, within(1e-6));
        assertThat(scores[2]).isZero();
    }

    private static KnowledgeIndex.Doc doc(int intent) {
        return new KnowledgeIndex.Doc(intent, 0, "text", true);
    }

    private static double cos(double degrees) {
        return Math.cos(Math.toRadians(degrees));
    }

    private static float[] unit(double degrees) {
        return new float[] {(float) cos(degrees), (float) Math.sin(Math.toRadians(degrees))};
    }
}
