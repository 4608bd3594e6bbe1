package dev.switchboard.knowledge.retrieval;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.platform.test.BuildCache;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.json.JsonMapper;

/** One model and one index of the shipped knowledge base per test JVM: loading and embedding take seconds. */
final class TestIndex {

    private static SentenceEmbedder embedder;
    private static KnowledgeIndex index;

    private TestIndex() {
    }

    /** The real model, remembering what it embedded, so rebuilding an index in a test does not re-embed. */
    static synchronized SentenceEmbedder embedder() {
        if (embedder == null) {
            SentenceEmbedder model = Embedders.cached(Embedders.onnx(2), BuildCache.directory());
            Map<String, float[]> seen = new ConcurrentHashMap<>();
            embedder = new SentenceEmbedder() {
                @Override
                public float[] embed(String text) {
                    return seen.computeIfAbsent(text, model::embed).clone();
                }

                @Override
                public float[][] embedAll(List<String> texts) {
                    return model.embedAll(texts);
                }

                @Override
                public String modelName() {
                    return model.modelName();
                }
            };
        }
        return embedder;
    }

    static synchronized KnowledgeIndex shipped() {
        if (index == null) {
            index = KnowledgeIndex.build(knowledgeBase(), embedder(), RetrievalSettings.defaults());
        }
        return index;
    }

    static KnowledgeBase knowledgeBase() {
        return new KnowledgeBaseLoader(JsonMapper.builder().build()).loadClasspath("knowledge-base.json");
    }
}
