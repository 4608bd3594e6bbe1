package dev.switchboard.knowledge.retrieval;

import java.util.Locale;

/** The retrieval stages, in the order they were built; each is measured on its own and fused. */
public enum Stage {
    /** The seed's matching: normalized category names and keywords found in the message. */
    KEYWORD,
    /** BM25 (Lucene) over articles, examples and titles. */
    BM25,
    /** Cosine similarity of sentence embeddings of articles and examples. */
    VECTOR,
    /** Reciprocal-rank fusion of the three, re-scored with the routed intent as a prior. */
    FUSED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
