package dev.switchboard.embedding;

/** Builds the in-process embedder outside Spring too (evaluation command, benchmark). */
public final class Embedders {

    private Embedders() {
    }

    public static SentenceEmbedder onnx(int maxConcurrent) {
        return new OnnxSentenceEmbedder(maxConcurrent);
    }
}
