package dev.switchboard.intent.classification;

import dev.switchboard.events.Agent;
import java.util.List;

/**
 * What a classifier concluded about one message.
 *
 * @param intent a taxonomy id, or {@code unknown} below the confidence threshold
 * @param candidates best first, at most three
 * @param embedding the query embedding, empty when the classifier computes none
 */
public record Classification(String intent, Agent agent, double confidence, List<Candidate> candidates,
        String classifierVersion, float[] embedding) {

    public record Candidate(String intent, Agent agent, double score) {
    }
}
