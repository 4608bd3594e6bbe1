package dev.switchboard.intent.classification;

import dev.switchboard.classifier.TrainedHeads;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The learned attack detector (issue 18): a logistic regression over the sentence embeddings the classifier already
 * computes, telling example attacks from ordinary requests by the direction of the whole vector rather than by its
 * nearest examples, so a wording no example has can still score by what it asks for; beside the embedding, the text's
 * hashed words and word pairs ({@link WordGrams}), which keep the few words that make a request an attack that the
 * embedding blurs into its topic. Trained when the classifier is built, by full-batch gradient descent with momentum
 * from zero weights (no random draw: the same examples give the same model), each class weighing half however many
 * examples it has.
 */
public final class AttackRegression {

    /**
     * Full-batch epochs, the step, the L2 penalty, and how much the words weigh beside the embedding (both unit
     * vectors; 0 reads the embedding alone).
     */
    public record Training(int epochs, double learningRate, double l2, double wordWeight) {

        public static final Training DEFAULT = new Training(200, 4.0, 1e-4, 3.0);
    }

    /** Example messages: their unit embeddings and their texts, in the same order. */
    public record Examples(float[][] vectors, List<String> texts) {

        public Examples {
            if (vectors.length != texts.size()) {
                throw new IllegalArgumentException(vectors.length + " vectors for " + texts.size() + " texts");
            }
        }

        public Examples and(Examples more) {
            float[][] both = Arrays.copyOf(vectors, vectors.length + more.vectors.length);
            System.arraycopy(more.vectors, 0, both, vectors.length, more.vectors.length);
            List<String> bothTexts = new ArrayList<>(texts);
            bothTexts.addAll(more.texts);
            return new Examples(both, bothTexts);
        }

        int size() {
            return vectors.length;
        }
    }

    private static final double SETTLED = 1e-4;

    private final float[] weights;
    private final float[] wordWeights;
    private final double bias;
    private final double wordWeight;

    private AttackRegression(float[] weights, float[] wordWeights, double bias, double wordWeight) {
        this.weights = weights;
        this.wordWeights = wordWeights;
        this.bias = bias;
        this.wordWeight = wordWeight;
    }

    // part of the kept file's checksum: a change to how the detector is trained or stored must change this
    private static final String FORMAT = "attack-regression-2";

    /**
     * The detector {@link #train} gives, read back when {@code heads} keeps it: training is about 0.8 s of every
     * intent-service start, on the thread the service's readiness waits for.
     */
    static AttackRegression trainOrRead(TrainedHeads heads, Examples attacks, Examples requests, Training training) {
        Examples all = attacks.and(requests);
        int[] y = new int[all.size()];
        Arrays.fill(y, 0, attacks.size(), 1);
        byte[] settings = ByteBuffer.allocate(4 + 8 * 3 + 32).putInt(training.epochs())
                .putDouble(training.learningRate()).putDouble(training.l2()).putDouble(training.wordWeight())
                .put(digest(all.texts())).array();
        float[][] rows = heads.trainOrRead(FORMAT, settings, all.vectors(), y, 1,
                () -> new float[][] {train(attacks, requests, training).row()});
        float[] row = rows[0];
        int dims = row.length - WordGrams.SIZE - 1;
        return new AttackRegression(Arrays.copyOf(row, dims), Arrays.copyOfRange(row, dims, dims + WordGrams.SIZE),
                row[row.length - 1], training.wordWeight());
    }

    /** The texts enter the kept file's checksum: the word weights depend on them, not only on their vectors. */
    private static byte[] digest(List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            texts.forEach(text -> digest.update((text + "\n").getBytes(StandardCharsets.UTF_8)));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The embedding's weights, the words', then the bias. */
    private float[] row() {
        float[] row = Arrays.copyOf(weights, weights.length + WordGrams.SIZE + 1);
        System.arraycopy(wordWeights, 0, row, weights.length, WordGrams.SIZE);
        row[row.length - 1] = (float) bias;
        return row;
    }

    /** Attacks are label 1, {@code requests} (ordinary messages) label 0. */
    public static AttackRegression train(Examples attacks, Examples requests, Training training) {
        Examples all = attacks.and(requests);
        float[][] x = all.vectors();
        WordGrams[] grams = all.texts().stream().map(WordGrams::of).toArray(WordGrams[]::new);
        int dims = x[0].length;
        double attackWeight = 0.5 / attacks.size();
        double requestWeight = 0.5 / requests.size();
        double[] w = new double[dims];
        double[] u = new double[WordGrams.SIZE];
        double[] velocity = new double[dims];
        double[] velocityU = new double[WordGrams.SIZE];
        double b = 0;
        double velocityB = 0;
        double[] gradient = new double[dims];
        double[] gradientU = new double[WordGrams.SIZE];
        double words = training.wordWeight();
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            Arrays.fill(gradient, 0);
            Arrays.fill(gradientU, 0);
            double gradientB = 0;
            for (int n = 0; n < x.length; n++) {
                boolean attack = n < attacks.size();
                double z = b + dot(w, x[n]) + (words == 0 ? 0 : words * grams[n].dot(u));
                double residual = sigmoid(z) - (attack ? 1 : 0);
                if (Math.abs(residual) < SETTLED) {
                    // an example the model already gets right adds nothing worth a pass over its dimensions
                    continue;
                }
                double g = residual * (attack ? attackWeight : requestWeight);
                gradientB += g;
                float[] xn = x[n];
                for (int d = 0; d < dims; d++) {
                    gradient[d] += g * xn[d];
                }
                if (words != 0) {
                    grams[n].addTo(gradientU, g * words);
                }
            }
            step(w, velocity, gradient, training);
            if (words != 0) {
                step(u, velocityU, gradientU, training);
            }
            velocityB = 0.9 * velocityB - training.learningRate() * gradientB;
            b += velocityB;
        }
        return new AttackRegression(toFloats(w), toFloats(u), b, words);
    }

    private static void step(double[] w, double[] velocity, double[] gradient, Training training) {
        for (int d = 0; d < w.length; d++) {
            velocity[d] = 0.9 * velocity[d] - training.learningRate() * (gradient[d] + training.l2() * w[d]);
            w[d] += velocity[d];
        }
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int d = 0; d < values.length; d++) {
            floats[d] = (float) values[d];
        }
        return floats;
    }

    /** The probability that the message this vector embeds, whose text this is, is an attack. */
    double probability(float[] vector, String text) {
        double z = bias + (wordWeight == 0 ? 0 : wordWeight * WordGrams.of(text).dot(wordWeights));
        for (int d = 0; d < vector.length; d++) {
            z += weights[d] * vector[d];
        }
        return sigmoid(z);
    }

    /**
     * The highest probability among several embeddings of one message (the whole of it and its sentences), each with
     * its text.
     */
    public double best(List<float[]> vectors, List<String> texts) {
        double best = 0;
        for (int i = 0; i < vectors.size(); i++) {
            best = Math.max(best, probability(vectors.get(i), texts.get(i)));
        }
        return best;
    }

    /** Four independent sums, so the processor need not wait on each addition before the next. */
    private static double dot(double[] w, float[] x) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int d = 0;
        for (; d + 3 < x.length; d += 4) {
            s0 += w[d] * x[d];
            s1 += w[d + 1] * x[d + 1];
            s2 += w[d + 2] * x[d + 2];
            s3 += w[d + 3] * x[d + 3];
        }
        for (; d < x.length; d++) {
            s0 += w[d] * x[d];
        }
        return s0 + s1 + s2 + s3;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
