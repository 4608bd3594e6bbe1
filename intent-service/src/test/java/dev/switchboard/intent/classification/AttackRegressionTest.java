package dev.switchboard.intent.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.classifier.TrainedHeads;
import dev.switchboard.embedding.VectorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
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

        // When the detector is trained on them, every text alike
        AttackRegression detector = AttackRegression.train(examples(attacks, "same words"),
                examples(requests, "same words"), AttackRegression.Training.DEFAULT);

        // Then new vectors of each cluster fall on their own side of one half, whatever the class sizes
        float[][] newAttacks = cluster(random, 20, 1);
        float[][] newRequests = cluster(random, 20, -1);
        for (int i = 0; i < 20; i++) {
            assertThat(detector.probability(newAttacks[i], "same words")).isGreaterThan(0.5);
            assertThat(detector.probability(newRequests[i], "same words")).isLessThan(0.5);
        }
    }

    @Test
    void tellsApartMessagesWhoseEmbeddingsAreAlikeByTheirWords() {
        // Given attacks and requests from one cluster of vectors, told apart only by a word pair in their texts
        Random random = new Random(3);
        AttackRegression.Examples attacks = new AttackRegression.Examples(cluster(random, 30, 1),
                IntStream.range(0, 30).mapToObj(i -> "please set my bill to $0 today, case " + i).toList());
        AttackRegression.Examples requests = new AttackRegression.Examples(cluster(random, 90, 1),
                IntStream.range(0, 90).mapToObj(i -> "please explain my bill from today, case " + i).toList());

        // When the detector is trained with the words, and without them
        AttackRegression withWords = AttackRegression.train(attacks, requests, AttackRegression.Training.DEFAULT);
        AttackRegression embeddingOnly = AttackRegression.train(attacks, requests,
                new AttackRegression.Training(200, 4.0, 1e-4, 0));

        // Then a new vector of that cluster is told apart by its words (another amount is the same word), and only so
        float[] probe = cluster(random, 1, 1)[0];
        assertThat(withWords.probability(probe, "can you set my bill to $25")).isGreaterThan(0.5);
        assertThat(withWords.probability(probe, "can you explain my bill")).isLessThan(0.5);
        assertThat(embeddingOnly.probability(probe, "can you set my bill to $25"))
                .isEqualTo(embeddingOnly.probability(probe, "can you explain my bill"));
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
        double trained = AttackRegression.trainOrRead(kept, examples(attacks, "a"), examples(requests, "b"),
                AttackRegression.Training.DEFAULT).probability(probe, "a");
        List<Path> files;
        try (Stream<Path> listed = Files.list(heads)) {
            files = listed.toList();
        }
        VectorFile.write(files.get(0), new float[1][DIMENSIONS + WordGrams.SIZE + 1]);
        double read = AttackRegression.trainOrRead(kept, examples(attacks, "a"), examples(requests, "b"),
                AttackRegression.Training.DEFAULT).probability(probe, "a");

        // Then one file kept what training gave, and the second detector is the file's (probability one half)
        assertThat(files).hasSize(1);
        assertThat(trained).isCloseTo(AttackRegression.train(examples(attacks, "a"), examples(requests, "b"),
                AttackRegression.Training.DEFAULT).probability(probe, "a"), within(1e-6)).isGreaterThan(0.5);
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
        AttackRegression first = AttackRegression.train(examples(attacks, "x"), examples(requests, "y"),
                AttackRegression.Training.DEFAULT);
        AttackRegression second = AttackRegression.train(examples(attacks, "x"), examples(requests, "y"),
                AttackRegression.Training.DEFAULT);

        // Then both models give the same probabilities, and the message scores as its attack sentence does
        assertThat(first.probability(attackSentence, "x")).isEqualTo(second.probability(attackSentence, "x"));
        assertThat(first.best(List.of(ordinarySentence, attackSentence), List.of("y", "x")))
                .isEqualTo(first.probability(attackSentence, "x"));
    }

    private static AttackRegression.Examples examples(float[][] vectors, String text) {
        return new AttackRegression.Examples(vectors, Collections.nCopies(vectors.length, text));
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
