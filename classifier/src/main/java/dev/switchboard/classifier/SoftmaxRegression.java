package dev.switchboard.classifier;

import dev.switchboard.embedding.VectorFile;
import java.util.Arrays;

/**
 * A multinomial logistic-regression head over sentence embeddings, trained by full-batch gradient descent with
 * momentum and L2 at start-up. It learns which dimensions separate intents, where similarity to examples weighs all
 * dimensions alike; combined with the similarity scores as a product of experts.
 */
final class SoftmaxRegression {

    private final float[][] weights;
    private final float[] bias;

    private SoftmaxRegression(float[][] weights, float[] bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /** How the head is trained: full-batch epochs, the step, and the L2 penalty. */
    record Training(int epochs, double learningRate, double l2) {
    }

    static SoftmaxRegression train(float[][] x, int[] y, int classes, Training training) {
        int epochs = training.epochs();
        double learningRate = training.learningRate();
        double l2 = training.l2();
        int dims = x[0].length;
        double[][] w = new double[classes][dims];
        double[] b = new double[classes];
        double[][] vw = new double[classes][dims];
        double[] vb = new double[classes];
        double[] p = new double[classes];
        for (int epoch = 0; epoch < epochs; epoch++) {
            double[][] gw = new double[classes][dims];
            double[] gb = new double[classes];
            for (int n = 0; n < x.length; n++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    double z = b[c];
                    double[] wc = w[c];
                    for (int d = 0; d < dims; d++) {
                        z += wc[d] * x[n][d];
                    }
                    p[c] = z;
                    max = Math.max(max, z);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    p[c] = Math.exp(p[c] - max);
                    sum += p[c];
                }
                for (int c = 0; c < classes; c++) {
                    double g = p[c] / sum - (y[n] == c ? 1 : 0);
                    if (Math.abs(g) < 1e-6) {
                        continue;
                    }
                    gb[c] += g;
                    double[] gc = gw[c];
                    for (int d = 0; d < dims; d++) {
                        gc[d] += g * x[n][d];
                    }
                }
            }
            for (int c = 0; c < classes; c++) {
                for (int d = 0; d < dims; d++) {
                    vw[c][d] = 0.9 * vw[c][d] - learningRate * (gw[c][d] / x.length + l2 * w[c][d]);
                    w[c][d] += vw[c][d];
                }
                vb[c] = 0.9 * vb[c] - learningRate * gb[c] / x.length;
                b[c] += vb[c];
            }
        }
        float[][] weights = new float[classes][dims];
        float[] bias = new float[classes];
        for (int c = 0; c < classes; c++) {
            for (int d = 0; d < dims; d++) {
                weights[c][d] = (float) w[c][d];
            }
            bias[c] = (float) b[c];
        }
        return new SoftmaxRegression(weights, bias);
    }

    /** One row per class: its weights, then its bias (as {@link VectorFile} keeps rows). */
    float[][] rows() {
        float[][] rows = new float[bias.length][];
        for (int c = 0; c < bias.length; c++) {
            rows[c] = Arrays.copyOf(weights[c], weights[c].length + 1);
            rows[c][weights[c].length] = bias[c];
        }
        return rows;
    }

    static SoftmaxRegression fromRows(float[][] rows) {
        float[][] weights = new float[rows.length][];
        float[] bias = new float[rows.length];
        for (int c = 0; c < rows.length; c++) {
            weights[c] = Arrays.copyOf(rows[c], rows[c].length - 1);
            bias[c] = rows[c][rows[c].length - 1];
        }
        return new SoftmaxRegression(weights, bias);
    }

    double[] logProbabilities(float[] x) {
        double[] z = new double[bias.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < z.length; c++) {
            double s = bias[c];
            for (int d = 0; d < x.length; d++) {
                s += weights[c][d] * x[d];
            }
            z[c] = s;
            max = Math.max(max, s);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        double log = max + Math.log(sum);
        return Arrays.stream(z).map(v -> v - log).toArray();
    }
}
