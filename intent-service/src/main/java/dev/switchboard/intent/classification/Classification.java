package dev.switchboard.intent.classification;

import dev.switchboard.events.Agent;
import java.util.List;

/**
 * What a classifier concluded about one message.
 *
 * @param intent a taxonomy id, or {@code unknown} below the confidence threshold
 * @param candidates best first, at most three
 * @param embedding the query embedding, empty when the classifier computes none
 * @param secondary further issues a multi-issue message raises besides its main ask (intent), most likely first
 * @param screening what the input guardrail's detectors found in the message
 */
public record Classification(String intent, Agent agent, double confidence, List<Candidate> candidates,
        String classifierVersion, float[] embedding, List<String> secondary, Screening screening) {

    /** Not screened by the guardrail's detectors. */
    public Classification(String intent, Agent agent, double confidence, List<Candidate> candidates,
            String classifierVersion, float[] embedding, List<String> secondary) {
        this(intent, agent, confidence, candidates, classifierVersion, embedding, secondary, Screening.NONE);
    }

    public Classification withSecondary(List<String> intents) {
        return new Classification(intent, agent, confidence, candidates, classifierVersion, embedding, intents,
                screening);
    }

    public Classification withScreening(Screening found) {
        return new Classification(intent, agent, confidence, candidates, classifierVersion, embedding, secondary,
                found);
    }

    /** The same message routed to another intent (a follow-up, a clarification's pick, an escalation). */
    public Classification routedTo(String otherIntent, Agent otherAgent, List<Candidate> otherCandidates) {
        return new Classification(otherIntent, otherAgent, confidence, otherCandidates, classifierVersion, embedding,
                secondary, screening);
    }

    public record Candidate(String intent, Agent agent, double score) {
    }
}
