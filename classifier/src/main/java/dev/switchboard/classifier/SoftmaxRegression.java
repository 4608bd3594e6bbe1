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
                logits(w, b, x[n], p);
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, p[c]);
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

    /**
     * {@code z[c] = b[c] + sum over d of w[c][d] * x[d]}, four classes at a time: each sum is added up in the same
     * order as one class at a time (so the head is the same to the last bit), but four independent sums keep the
     * processor busy where one waits on each addition before the next. Training spends most of its time here: a head
     * took 2.1-3.0 s instead of 4.7-14.6 s (918 examples, a loaded machine), which the accuracy gate's five heads per
     * version need.
     */
    private static void logits(double[][] w, double[] b, float[] x, double[] z) {
        int classes = b.length;
        int c = 0;
        for (; c + 3 < classes; c += 4) {
            double[] w0 = w[c];
            double[] w1 = w[c + 1];
            double[] w2 = w[c + 2];
            double[] w3 = w[c + 3];
            double z0 = b[c];
            double z1 = b[c + 1];
            double z2 = b[c + 2];
            double z3 = b[c + 3];
            for (int d = 0; d < x.length; d++) {
                double xd = x[d];
                z0 += w0[d] * xd;
                z1 += w1[d] * xd;
                z2 += w2[d] * xd;
                z3 += w3[d] * xd;
            }
            z[c] = z0;
            z[c + 1] = z1;
            z[c + 2] = z2;
            z[c + 3] = z3;
        }
        for (; c < classes; c++) {
            double[] wc = w[c];
            double s = b[c];
            for (int d = 0; d < x.length; d++) {
                s += wc[d] * x[d];
            }
            z[c] = s;
        }
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
