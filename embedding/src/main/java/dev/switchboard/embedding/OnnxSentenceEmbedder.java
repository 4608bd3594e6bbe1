package dev.switchboard.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * An int8 BERT sentence encoder from its Maven artifact (all-MiniLM-L6-v2 in the services), loaded once. Each
 * inference runs on the caller's thread with one intra-op thread; at most {@code maxConcurrent} callers run the model
 * at once and the rest queue on a fair semaphore, because on a small CPU over-subscribing ONNX Runtime (langchain4j's
 * default: per-core threads each with ORT's own pool) is slower than queueing.
 *
 * <p>A text is tokenized once and run here. langchain4j's encoder, which gives the same vector, tokenized it three
 * times (to split long texts into 510-token windows, to rebuild each window's text, and to encode it) and wrapped each
 * call in request objects (11 % of the embedding's profile samples were the tokenizer's; docs/benchmarks.md). Its
 * windows never came into play: the model's tokenizer.json cuts every text at 128 tokens, there as here, so a longer
 * text is embedded from its first 128.
 */
final class OnnxSentenceEmbedder implements SentenceEmbedder {

    static final String MODEL = "all-minilm-l6-v2-q";

    private final String modelName;
    private final PoolingMode pooling;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean takesTokenTypes;
    private final HuggingFaceTokenizer tokenizer;
    private final Semaphore permits;

    OnnxSentenceEmbedder(int maxConcurrent) {
        this(MODEL, PoolingMode.MEAN, maxConcurrent);
    }

    /** {@code modelName}.onnx and {@code modelName}-tokenizer.json must be on the class path. */
    OnnxSentenceEmbedder(String modelName, PoolingMode pooling, int maxConcurrent) {
        this.modelName = modelName;
        this.pooling = pooling;
        this.environment = OrtEnvironment.getEnvironment();
        try (InputStream model = resource(modelName + ".onnx")) {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(model.readAllBytes(), options);
            this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
            this.tokenizer = tokenizer(modelName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the embedding model " + modelName, e);
        }
        this.permits = new Semaphore(maxConcurrent, true);
    }

    /** Without padding, and cut where the file says, as langchain4j reads it: both give the same token ids. */
    private static HuggingFaceTokenizer tokenizer(String modelName) throws IOException {
        try (InputStream tokenizer = resource(modelName + "-tokenizer.json")) {
            return HuggingFaceTokenizer.newInstance(tokenizer, Map.of("padding", "false"));
        }
    }

    private static InputStream resource(String name) {
        InputStream stream = OnnxSentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
        if (stream == null) {
            throw new IllegalStateException(name + " is not on the class path");
        }
        return stream;
    }

    @Override
    public float[] embed(String text) {
        permits.acquireUninterruptibly();
        try {
            return normalize(run(tokenizer.encode(text, true, false)));
        } catch (OrtException e) {
            throw new IllegalStateException("the embedding model " + modelName + " failed", e);
        } finally {
            permits.release();
        }
    }

    private float[] run(Encoding encoding) throws OrtException {
        long[] shape = {1, encoding.getIds().length};
        try (OnnxTensor ids = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getIds()), shape);
                OnnxTensor mask = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getAttentionMask()),
                        shape);
                OnnxTensor types = OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()),
                        shape)) {
            Map<String, OnnxTensor> inputs = new HashMap<>(4);
            inputs.put("input_ids", ids);
            inputs.put("attention_mask", mask);
            if (takesTokenTypes) {
                inputs.put("token_type_ids", types);
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return pool(((OnnxTensor) result.get(0)).getFloatBuffer(), (int) shape[1]);
            }
        }
    }

    /** The hidden states, tokens by dimensions: their mean over every token ([CLS] and [SEP] too), or [CLS]'s. */
    private float[] pool(FloatBuffer states, int tokens) {
        int dimensions = states.remaining() / tokens;
        float[] vector = new float[dimensions];
        if (pooling == PoolingMode.CLS) {
            states.get(vector);
            return vector;
        }
        for (int token = 0; token < tokens; token++) {
            for (int i = 0; i < dimensions; i++) {
                vector[i] += states.get();
            }
        }
        for (int i = 0; i < dimensions; i++) {
            vector[i] /= tokens;
        }
        return vector;
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
