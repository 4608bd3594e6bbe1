package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;

/** One real model and one semantic detector per test JVM: loading the model and embedding the examples take seconds. */
final class TestDetector {

    static final double THRESHOLD = new GuardrailProperties(0.04).semanticThreshold();

    private static SentenceEmbedder embedder;
    private static SemanticInjectionDetector detector;

    private TestDetector() {
    }

    static synchronized SentenceEmbedder embedder() {
        if (embedder == null) {
            embedder = Embedders.onnx(2);
        }
        return embedder;
    }

    /** The shipped examples and the default threshold. */
    static synchronized SemanticInjectionDetector detector() {
        if (detector == null) {
            detector = SemanticInjectionDetector.fromClassPath(embedder(), THRESHOLD);
        }
        return detector;
    }
}
