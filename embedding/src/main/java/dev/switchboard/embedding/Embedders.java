package dev.switchboard.embedding;

import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.nio.file.Path;

/** Builds the in-process embedder outside Spring too (evaluation command, benchmark). */
public final class Embedders {

    private Embedders() {
    }

    /**
     * {@code model} with its bulk embeddings kept in {@code directory} by checksum of model and texts, as the services
     * keep theirs: the tests of a build share one directory, so each set of texts is embedded once per build.
     */
    public static SentenceEmbedder cached(SentenceEmbedder model, Path directory) {
        return new CachedEmbeddings(model, directory);
    }

    public static SentenceEmbedder onnx(int maxConcurrent) {
        return new OnnxSentenceEmbedder(maxConcurrent);
    }

    /** Another int8 BERT encoder whose artifact is on the class path, for model comparisons. */
    public static SentenceEmbedder onnx(String modelName, PoolingMode pooling, int maxConcurrent) {
        return new OnnxSentenceEmbedder(modelName, pooling, maxConcurrent);
    }
}
