package dev.switchboard.intent.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.VectorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackRegressionTest {

    static final int DIMENSIONS = 16;

    @Test
    void separatesTwoClustersOfUnitVectorsThatOverlapInMostDimensions() {
        // Given unit vectors around two centres that differ in one dimension of 16, three times as many ordinary ones
        Random random = new Random(7);
        float[][] attacks = cluster(random, 40, 1);
        float[][] requests = cluster(random, 120, -1);

        // When the detector is trained on them
        AttackRegression detector = AttackRegression.train(attacks, requests, AttackRegression.Training.DEFAULT);

        // Then new vectors of each cluster fall on their own side of one half, whatever the class sizes
        float[][] newAttacks = cluster(random, 20, 1);
        float[][] newRequests = cluster(random, 20, -1);
        for (int i = 0; i < 20; i++) {
            assertThat(detector.probability(newAttacks[i])).isGreaterThan(0.5);
            assertThat(detector.probability(newRequests[i])).isLessThan(0.5);
        }
    }

    @Test
    void isTrainedOnceAndReadBackFromTheDirectoryOfTrainedHeads(@TempDir Path heads) throws IOException {
        // Given a directory for trained heads, and examples
        Random random = new Random(5);
        float[][] attacks = cluster(random, 30, 1);
        float[][] requests = cluster(random, 30, -1);
        float[] probe = cluster(random, 1, 1)[0];
        TrainedHeads kept = TrainedHeads.in(heads.toString());

        // When the detector is asked for twice, the second time with its file rewritten to weigh nothing
        double trained = AttackRegression.trainOrRead(kept, attacks, requests, AttackRegression.Training.DEFAULT)
                .probability(probe);
        List<Path> files;
        try (Stream<Path> listed = Files.list(heads)) {
            files = listed.toList();
        }
        VectorFile.write(files.get(0), new float[1][DIMENSIONS + 1]);
        double read = AttackRegression.trainOrRead(kept, attacks, requests, AttackRegression.Training.DEFAULT)
                .probability(probe);

        // Then one file kept what training gave, and the second detector is the file's (probability one half)
        assertThat(files).hasSize(1);
        assertThat(trained).isCloseTo(AttackRegression.train(attacks, requests, AttackRegression.Training.DEFAULT)
                .probability(probe), within(1e-6)).isGreaterThan(0.5);
        assertThat(read).isEqualTo(0.5);
    }

    @Test
    void isTheSameModelEveryTimeAndAMessageScoresByItsLikeliestAttackPart() {
        // Given the same examples twice, and a message whose second sentence is an attack
        Random random = new Random(11);
        float[][] attacks = cluster(random, 30, 1);
        float[][] requests = cluster(random, 30, -1);
        float[] ordinarySentence = cluster(random, 1, -1)[0];
        float[] attackSentence = cluster(random, 1, 1)[0];

        // When the detector is trained twice and scores the message
        AttackRegression first = AttackRegression.train(attacks, requests, AttackRegression.Training.DEFAULT);
        AttackRegression second = AttackRegression.train(attacks, requests, AttackRegression.Training.DEFAULT);

        // Then both models give the same probabilities, and the message scores as its attack sentence does
        assertThat(first.probability(attackSentence)).isEqualTo(second.probability(attackSentence));
        assertThat(first.best(List.of(ordinarySentence, attackSentence))).isEqualTo(first.probability(attackSentence));
    }

    /** Unit vectors: noise everywhere, and {@code side} times 0.6 in the first dimension. */
    private static float[][] cluster(Random random, int count, int side) {
        float[][] vectors = new float[count][DIMENSIONS];
        for (float[] v : vectors) {
            double norm = 0;
            for (int d = 0; d < v.length; d++) {
                v[d] = (float) (random.nextGaussian() * 0.25 + (d == 0 ? 0.6 * side : 0));
                norm += v[d] * v[d];
            }
            for (int d = 0; d < v.length; d++) {
                v[d] /= (float) Math.sqrt(norm);
            }
        }
        return vectors;
    }
}
