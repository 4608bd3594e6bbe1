package dev.switchboard.llm.guardrails;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.language.TrainingExamples;
import dev.switchboard.platform.test.BuildCache;

/** One real model and one semantic detector per test JVM: loading the model and embedding the examples take seconds. */
final class TestDetector {

    /** The defaults of application.yml. */
    static final GuardrailProperties SETTINGS = new GuardrailProperties(0.04, 0.10);
    static final double THRESHOLD = SETTINGS.semanticThreshold();

    private static SentenceEmbedder embedder;
    private static SemanticInjectionDetector detector;

    private TestDetector() {
    }

    static synchronized SentenceEmbedder embedder() {
        if (embedder == null) {
            embedder = Embedders.cached(Embedders.onnx(2), BuildCache.directory());
        }
        return embedder;
    }

    /** The shipped examples and the default thresholds. */
    static synchronized SemanticInjectionDetector detector() {
        if (detector == null) {
            detector = SemanticInjectionDetector.of(TrainingExamples.fromClassPath(), embedder(), THRESHOLD,
                    SETTINGS.semanticRefusalThreshold());
        }
        return detector;
    }
}
