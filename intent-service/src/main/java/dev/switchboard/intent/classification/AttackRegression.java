package dev.switchboard.intent.classification;

import dev.switchboard.classifier.TrainedHeads;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * The learned attack detector (issue 18): a logistic regression over the sentence embeddings the classifier already
 * computes, telling example attacks from ordinary requests by the direction of the whole vector rather than by its
 * nearest examples, so a wording no example has can still score by what it asks for. Trained when the classifier is
 * built, by full-batch gradient descent with momentum from zero weights (no random draw: the same examples give the
 * same model), each class weighing half however many examples it has.
 */
public final class AttackRegression {

    /** Full-batch epochs, the step and the L2 penalty. */
    public record Training(int epochs, double learningRate, double l2) {

        public static final Training DEFAULT = new Training(200, 4.0, 1e-4);
    }

    private static final double SETTLED = 1e-4;

    private final float[] weights;
    private final double bias;

    private AttackRegression(float[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    // part of the kept file's checksum: a change to how the detector is trained or stored must change this
    private static final String FORMAT = "attack-regression-1";

    /**
     * The detector {@link #train} gives, read back when {@code heads} keeps it: training is 0.3-0.4 s of every
     * intent-service start, on the thread the service's readiness waits for.
     */
    static AttackRegression trainOrRead(TrainedHeads heads, float[][] attacks, float[][] requests, Training training) {
        float[][] x = examples(attacks, requests);
        int[] y = new int[x.length];
        Arrays.fill(y, 0, attacks.length, 1);
        byte[] settings = ByteBuffer.allocate(4 + 8 * 2).putInt(training.epochs()).putDouble(training.learningRate())
                .putDouble(training.l2()).array();
        float[][] rows = heads.trainOrRead(FORMAT, settings, x, y, 1,
                () -> new float[][] {train(attacks, requests, training).row()});
        return new AttackRegression(Arrays.copyOf(rows[0], rows[0].length - 1), rows[0][rows[0].length - 1]);
    }

    /** The weights, then the bias. */
    private float[] row() {
        float[] row = Arrays.copyOf(weights, weights.length + 1);
        row[weights.length] = (float) bias;
        return row;
    }

    private static float[][] examples(float[][] attacks, float[][] requests) {
        float[][] x = new float[attacks.length + requests.length][];
        System.arraycopy(attacks, 0, x, 0, attacks.length);
        System.arraycopy(requests, 0, x, attacks.length, requests.length);
        return x;
    }

    /** @param attacks unit vectors of example attacks (label 1); {@code requests} of ordinary messages (label 0) */
    public static AttackRegression train(float[][] attacks, float[][] requests, Training training) {
        int dims = attacks[0].length;
        float[][] x = examples(attacks, requests);
        double attackWeight = 0.5 / attacks.length;
        double requestWeight = 0.5 / requests.length;
        double[] w = new double[dims];
        double[] velocity = new double[dims];
        double b = 0;
        double velocityB = 0;
        double[] gradient = new double[dims];
        for (int epoch = 0; epoch < training.epochs(); epoch++) {
            Arrays.fill(gradient, 0);
            double gradientB = 0;
            for (int n = 0; n < x.length; n++) {
                boolean attack = n < attacks.length;
                double residual = sigmoid(b + dot(w, x[n])) - (attack ? 1 : 0);
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
            }
            for (int d = 0; d < dims; d++) {
                velocity[d] = 0.9 * velocity[d] - training.learningRate() * (gradient[d] + training.l2() * w[d]);
                w[d] += velocity[d];
            }
            velocityB = 0.9 * velocityB - training.learningRate() * gradientB;
            b += velocityB;
        }
        float[] weights = new float[dims];
        for (int d = 0; d < dims; d++) {
            weights[d] = (float) w[d];
        }
        return new AttackRegression(weights, b);
    }

    /** The probability that the message this vector embeds is an attack. */
    double probability(float[] vector) {
        double z = bias;
        for (int d = 0; d < vector.length; d++) {
            z += weights[d] * vector[d];
        }
        return sigmoid(z);
    }

    /** The highest probability among several embeddings of one message (the whole of it and its sentences). */
    public double best(List<float[]> vectors) {
        double best = 0;
        for (float[] vector : vectors) {
            best = Math.max(best, probability(vector));
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
