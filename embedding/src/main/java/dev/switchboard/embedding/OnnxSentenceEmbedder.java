package dev.switchboard.embedding;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Semaphore;

/**
 * An int8 BERT sentence encoder from its Maven artifact (all-MiniLM-L6-v2 in the services), loaded once. Each inference runs on the caller's thread with one
 * intra-op thread; at most {@code maxConcurrent} callers run the model at once and the rest queue on a fair semaphore,
 * because on a small CPU over-subscribing ONNX Runtime (langchain4j's default: per-core threads each with ORT's own
 * pool) is slower than queueing.
 */
final class OnnxSentenceEmbedder implements SentenceEmbedder {

    static final String MODEL = "all-minilm-l6-v2-q";

    private final String modelName;
    private final Model model;
    private final Semaphore permits;

    OnnxSentenceEmbedder(int maxConcurrent) {
        this(MODEL, PoolingMode.MEAN, maxConcurrent);
    }

    /** {@code modelName}.onnx and {@code modelName}-tokenizer.json must be on the class path. */
    OnnxSentenceEmbedder(String modelName, PoolingMode pooling, int maxConcurrent) {
        this.modelName = modelName;
        this.model = new Model(load(modelName, pooling));
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /** langchain4j's wrapper embeds a single text on the caller's thread; the executor is never used for that. */
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

    private static OnnxBertBiEncoder load(String modelName, PoolingMode pooling) {
        try (InputStream model = resource(modelName + ".onnx");
                InputStream tokenizer = resource(modelName + "-tokenizer.json")) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new OnnxBertBiEncoder(environment, session, tokenizer, pooling);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + modelName, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = OnnxBertBiEncoder.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return stream;
    }

    @Override
    public float[] embed(String text) {
        permits.acquireUninterruptibly();
        try {
            float[] vector = model.embed(text).content().vector();
            return normalize(vector);
        } finally {
            permits.release();
        }
    }

    @Override
    public String modelName() {
        return modelName;
    }

    private static float[] normalize(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }
}
