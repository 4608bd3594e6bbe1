package dev.switchboard.language;

/**
 * Sentence embeddings of example phrases (unit vectors), laid out to compare a message with all of them at once:
 * dimension-major, example e's component d at {@code d * count + e}. The inner loop of {@link #cosines} is then a plain
 * multiply-add over contiguous floats, which the JIT turns into SIMD instructions (several times faster than one dot
 * product per example). The intent classifier and the guardrail's detectors score their examples with it.
 */
public final class ExampleVectors {

    private final float[] byDimension;
    private final int count;

    public ExampleVectors(float[][] vectors) {
        this.count = vectors.length;
        this.byDimension = new float[count == 0 ? 0 : vectors[0].length * count];
        for (int e = 0; e < count; e++) {
            for (int d = 0; d < vectors[e].length; d++) {
                byDimension[d * count + e] = vectors[e][d];
            }
        }
    }

    /** The cosine of {@code query} (a unit vector) with every example, in the examples' order. */
    public float[] cosines(float[] query) {
        float[] similarity = new float[count];
        if (count == 0) {
            return similarity;
        }
        for (int d = 0; d < query.length; d++) {
            float q = query[d];
            int row = d * count;
            for (int e = 0; e < count; e++) {
                similarity[e] += q * byDimension[row + e];
            }
        }
        return similarity;
    }
}
