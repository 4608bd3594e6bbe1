package dev.switchboard.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.embedding.VectorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedHeadsTest {

    static final SoftmaxRegression.Training TRAINING = new SoftmaxRegression.Training(30, 2.0, 1e-4);
    static final int CLASSES = 3;

    @TempDir
    Path cache;

    final Random random = new Random(16);
    final float[][] x = vectors(30, 8);
    final int[] y = labels(30);
    final float[] probe = vectors(1, 8)[0];

    @Test
    void aHeadIsTrainedOnceAndReadBackTheSame() throws IOException {
        // Given a cache directory
        TrainedHeads heads = TrainedHeads.in(cache.toString());

        // When the same head is asked for twice
        SoftmaxRegression first = heads.trainOrRead(x, y, CLASSES, TRAINING);
        SoftmaxRegression second = heads.trainOrRead(x, y, CLASSES, TRAINING);

        // Then one file holds it, and both answer exactly as a head trained without the cache
        assertThat(files()).hasSize(1);
        double[] expected = SoftmaxRegression.train(x, y, CLASSES, TRAINING).logProbabilities(probe);
        assertThat(first.logProbabilities(probe)).containsExactly(expected);
        assertThat(second.logProbabilities(probe)).containsExactly(expected);
    }

    @Test
    void theSecondStartReadsTheFileInsteadOfTraining() throws IOException {
        // Given the file of these examples holding a head that training would never produce (all zeros)
        TrainedHeads heads = TrainedHeads.in(cache.toString());
        heads.trainOrRead(x, y, CLASSES, TRAINING);
        VectorFile.write(files().get(0), new float[CLASSES][8 + 1]);

        // When the head is asked for again, Then it is the one in the file: every class equally likely
        double uniform = Math.log(1.0 / CLASSES);
        assertThat(heads.trainOrRead(x, y, CLASSES, TRAINING).logProbabilities(probe))
                .containsExactly(new double[] {uniform, uniform, uniform}, within(1e-9));
    }

    @Test
    void otherExamplesOrSettingsGetTheirOwnHeadAndABrokenFileIsTrainedAgain() throws IOException {
        // Given a head kept for these examples
        TrainedHeads heads = TrainedHeads.in(cache.toString());
        heads.trainOrRead(x, y, CLASSES, TRAINING);

        // When a label or a setting changes, Then each gets a file of its own
        int[] relabelled = y.clone();
        relabelled[0] = (relabelled[0] + 1) % CLASSES;
        heads.trainOrRead(x, relabelled, CLASSES, TRAINING);
        heads.trainOrRead(x, y, CLASSES, new SoftmaxRegression.Training(31, 2.0, 1e-4));
        assertThat(files()).hasSize(3);

        // And a file that cannot be read is trained again, with the right answer, and written anew
        Path file = cache.resolve("head-" + TrainedHeads.checksum(x, y, CLASSES, TRAINING) + ".vectors");
        Files.writeString(file, "not a head");
        double[] expected = SoftmaxRegression.train(x, y, CLASSES, TRAINING).logProbabilities(probe);
        assertThat(heads.trainOrRead(x, y, CLASSES, TRAINING).logProbabilities(probe)).containsExactly(expected);
        assertThat(VectorFile.read(file, CLASSES)).hasNumberOfRows(CLASSES);
    }

    @Test
    void withoutADirectoryTheHeadIsTrainedAndNothingIsWritten() throws IOException {
        SoftmaxRegression head = TrainedHeads.in("").trainOrRead(x, y, CLASSES, TRAINING);

        assertThat(head.logProbabilities(probe))
                .containsExactly(SoftmaxRegression.train(x, y, CLASSES, TRAINING).logProbabilities(probe));
        assertThat(files()).isEmpty();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> listed = Files.list(cache)) {
            return listed.toList();
        }
    }

    private float[][] vectors(int count, int dimensions) {
        float[][] vectors = new float[count][dimensions];
        for (float[] vector : vectors) {
            for (int d = 0; d < dimensions; d++) {
                vector[d] = (float) random.nextGaussian();
            }
        }
        return vectors;
    }

    private int[] labels(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % CLASSES;
        }
        return labels;
    }
}
