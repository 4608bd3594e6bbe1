package dev.switchboard.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;

/** Builds the in-process embedder outside Spring too (evaluation command, benchmark). */
public final class Embedders {

    private Embedders() {
    }

    public static SentenceEmbedder onnx(int maxConcurrent) {
        return new OnnxSentenceEmbedder(maxConcurrent);
    }

    /** Another int8 BERT encoder whose artifact is on the class path, for model comparisons. */
    public static SentenceEmbedder onnx(String modelName, PoolingMode pooling, int maxConcurrent) {
        return new OnnxSentenceEmbedder(modelName, pooling, maxConcurrent);
    }
}
