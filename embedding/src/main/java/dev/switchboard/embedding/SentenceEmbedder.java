package dev.switchboard.embedding;

/** Turns a text into a unit-length sentence embedding, so a dot product is the cosine similarity. */
public interface SentenceEmbedder {

    float[] embed(String text);

    /** Identifies the model, so a classifier version changes when the model does. */
    String modelName();
}
