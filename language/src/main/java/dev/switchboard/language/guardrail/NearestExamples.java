package dev.switchboard.language.guardrail;

import java.util.Arrays;
import java.util.List;

/**
 * How much more a message resembles one set of example phrases than another, by sentence embeddings: the mean cosine
 * of its {@code k} nearest examples of the first set minus that of its {@code k} nearest of the second (between -2
 * and 2; above 0 it leans to the first). The guardrail's semantic detectors are such contrasts: attacks against
 * ordinary requests, off-topic requests against the knowledge base's examples. They take vectors, so a service
 * scores the embeddings it already has (intent-service: the classifier's) and runs no model for them.
 */
public final class NearestExamples {

    private final float[] first;
    private final int firstCount;
    private final float[] second;
    private final int secondCount;
    private final int k;

    /** @param first unit vectors of the examples the score leans towards, {@code second} those it leans away from */
    public NearestExamples(float[][] first, float[][] second, int k) {
        this.first = byDimension(first);
        this.firstCount = first.length;
        this.second = byDimension(second);
        this.secondCount = second.length;
        this.k = k;
    }

    public double score(float[] vector) {
        return meanOfNearest(similarities(vector, first, firstCount))
                - meanOfNearest(similarities(vector, second, secondCount));
    }

    /** The highest score among several embeddings of one message (the whole of it and its sentences). */
    public double best(List<float[]> vectors) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] vector : vectors) {
            best = Math.max(best, score(vector));
        }
        return best;
    }

    /** Dimension-major: example e's component d at {@code d * count + e}. */
    private static float[] byDimension(float[][] vectors) {
        if (vectors.length == 0) {
            return new float[0];
        }
        int count = vectors.length;
        float[] matrix = new float[vectors[0].length * count];
        for (int e = 0; e < count; e++) {
            for (int d = 0; d < vectors[e].length; d++) {
                matrix[d * count + e] = vectors[e][d];
            }
        }
        return matrix;
    }

    /**
     * Every example's cosine at once, one dimension at a time: the inner loop is a plain multiply-add over contiguous
     * floats, which the JIT turns into SIMD instructions (as the intent classifier scores its examples).
     */
    private static float[] similarities(float[] vector, float[] examples, int count) {
        float[] similarity = new float[count];
        for (int d = 0; d < vector.length; d++) {
            float q = vector[d];
            int row = d * count;
            for (int e = 0; e < count; e++) {
                similarity[e] += q * examples[row + e];
            }
        }
        return similarity;
    }

    private double meanOfNearest(float[] similarities) {
        // the k highest, highest first (-1 where there are fewer examples)
        double[] nearest = new double[k];
        Arrays.fill(nearest, -1);
        for (float s : similarities) {
            if (s > nearest[k - 1]) {
                int j = k - 1;
                while (j > 0 && nearest[j - 1] < s) {
                    nearest[j] = nearest[j - 1];
                    j--;
                }
                nearest[j] = s;
            }
        }
        return Arrays.stream(nearest).average().orElse(0);
    }
}
