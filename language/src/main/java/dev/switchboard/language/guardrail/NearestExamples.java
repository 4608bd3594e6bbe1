package dev.switchboard.language.guardrail;

import dev.switchboard.language.ExampleVectors;
import dev.switchboard.language.Highest;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * How much more a message resembles one set of example phrases than another, by sentence embeddings: the mean cosine
 * of its {@code k} nearest examples of the first set minus that of its {@code k} nearest of the second (between -2
 * and 2; above 0 it leans to the first). The guardrail's semantic detectors are such contrasts: attacks against
 * ordinary requests, off-topic requests against the knowledge base's examples. They take vectors, so a service
 * scores the embeddings it already has (intent-service: the classifier's) and runs no model for them.
 */
public final class NearestExamples {

    private static final float[] NO_COSINES = {};

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
        return score(vector, NO_COSINES);
    }

    /**
     * @param moreOfSecond the vector's cosines with further examples of the second set, which the caller computed
     *     for its own use (intent-service: with the knowledge base's examples, for the intent model) and need not be
     *     computed again here
     */
    public double score(float[] vector, float[] moreOfSecond) {
        return meanOfNearest(first.cosines(vector), NO_COSINES)
                - meanOfNearest(second.cosines(vector), moreOfSecond);
    }

    /** The highest score among several embeddings of one message (the whole of it and its sentences). */
    public double best(List<float[]> vectors) {
        return best(vectors, Collections.nCopies(vectors.size(), NO_COSINES));
    }

    /** The same, with each embedding's cosines with further examples of the second set, as {@code score} takes them. */
    public double best(List<float[]> vectors, List<float[]> moreOfSecond) {
        double best = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vectors.size(); v++) {
            best = Math.max(best, score(vectors.get(v), moreOfSecond.get(v)));
        }
        return best;
    }

    private double meanOfNearest(float[] similarities, float[] moreSimilarities) {
        // the k highest of both, highest first (-1 where there are fewer examples)
        double[] nearest = new double[k];
        Arrays.fill(nearest, -1);
        for (float s : similarities) {
            Highest.offer(nearest, s);
        }
        for (float s : moreSimilarities) {
            Highest.offer(nearest, s);
        }
        return Arrays.stream(nearest).average().orElse(0);
    }
}
