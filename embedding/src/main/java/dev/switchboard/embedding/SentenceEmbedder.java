package dev.switchboard.embedding;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Turns a text into a unit-length sentence embedding, so a dot product is the cosine similarity. */
public interface SentenceEmbedder {

    float[] embed(String text);

    /** A vector as the events carry it (an Avro array of float). */
    static List<Float> asList(float[] vector) {
        List<Float> values = new ArrayList<>(vector.length);
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }

    /** The cosine of two vectors of any length (a centroid, a sum), not only the unit ones {@link #embed} gives. */
    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }

    /** Identifies the model, so a classifier version changes when the model does. */
    String modelName();

    /**
     * Embeds many texts (examples, documents), in order, with as many callers as cores: the embedder queues them, so
     * this never over-subscribes the model. The Spring bean reads them from its cache when it has them.
     */
    default float[][] embedAll(List<String> texts) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<float[]>> futures = texts.stream().map(t -> pool.submit(() -> embed(t))).toList();
            float[][] vectors = new float[texts.size()][];
            for (int i = 0; i < vectors.length; i++) {
                vectors[i] = futures.get(i).get();
            }
            return vectors;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while embedding " + texts.size() + " texts", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot embed " + texts.size() + " texts", e);
        } finally {
            pool.shutdown();
        }
    }
}
