package dev.switchboard.knowledge.retrieval;

import dev.switchboard.language.ExampleVectors;
import dev.switchboard.language.Highest;
import java.util.Arrays;
import java.util.List;

/**
 * Stage 3: cosine similarity (unit vectors: dot product) of the message to the embeddings of every article, title
 * and example. An intent scores the mean of its {@link #K} most similar documents: one lucky example should not decide,
 * and a plain centroid blurs intents whose examples vary. A brute-force scan: ~1,200 vectors of 384 floats is well
 * under a millisecond, faster than building a graph index would pay back. The scan is {@link ExampleVectors}' (all
 * documents at once, which the JIT turns into SIMD instructions), not one dot product per document.
 */
final class VectorStage {

    static final int K = 3;

    private final float[][] vectors;
    private final ExampleVectors byDimension;
    /** The documents of intent i are {@code [first[i], first[i + 1])}: the index adds them intent by intent. */
    private final int[] first;

    VectorStage(float[][] vectors, List<KnowledgeIndex.Doc> docs, int intents) {
        this.vectors = vectors;
        this.byDimension = new ExampleVectors(vectors);
        this.first = new int[intents + 1];
        Arrays.fill(first, -1);
        for (int d = docs.size() - 1; d >= 0; d--) {
            first[docs.get(d).intent()] = d;
        }
        first[intents] = docs.size();
        for (int i = intents - 1; i >= 0; i--) {
            if (first[i] < 0) {
                first[i] = first[i + 1];
            }
        }
        for (int d = 0; d < docs.size(); d++) {
            int intent = docs.get(d).intent();
            if (d < first[intent] || d >= first[intent + 1]) {
                throw new IllegalArgumentException("documents must be grouped by intent");
            }
        }
    }

    double[] score(float[] query) {
        float[] similarities = byDimension.cosines(query);
        double[] scores = new double[first.length - 1];
        double[] best = new double[K];
        for (int i = 0; i < scores.length; i++) {
            int n = first[i + 1] - first[i];
            if (n == 0) {
                continue;
            }
            // the K highest of the intent's documents, highest first
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            for (int d = first[i]; d < first[i + 1]; d++) {
                Highest.offer(best, similarities[d]);
            }
            int k = Math.min(K, n);
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += best[j];
            }
            scores[i] = sum / k;
        }
        return scores;
    }

    int dimension() {
        return vectors.length == 0 ? 0 : vectors[0].length;
    }

    double similarity(float[] query, int doc) {
        return dot(query, vectors[doc]);
    }

    /** Four independent sums: the JIT pipelines them, where one running sum waits on each addition. */
    static double dot(float[] a, float[] b) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += a[i] * b[i];
        }
        return (double) s0 + s1 + s2 + s3;
    }
}
