package dev.switchboard.language.guardrail;

import dev.switchboard.language.ExampleVectors;
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

    private final ExampleVectors first;
    private final ExampleVectors second;
    private final int k;

    /** @param first unit vectors of the examples the score leans towards, {@code second} those it leans away from */
    public NearestExamples(float[][] first, float[][] second, int k) {
        this.first = new ExampleVectors(first);
        this.second = new ExampleVectors(second);
        this.k = k;
    }

    public double score(float[] vector) {
        return meanOfNearest(first.cosines(vector)) - meanOfNearest(second.cosines(vector));
    }

    /** The highest score among several embeddings of one message (the whole of it and its sentences). */
    public double best(List<float[]> vectors) {
        double best = Double.NEGATIVE_INFINITY;
        for (float[] vector : vectors) {
            best = Math.max(best, score(vector));
        }
        return best;
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
