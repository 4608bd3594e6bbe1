package dev.switchboard.knowledge.retrieval;

import dev.switchboard.events.Agent;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What retrieval found for one message.
 *
 * @param intents every intent, best first by the fused score
 * @param stageRankings per stage, the intents it found evidence for, best first (empty: the stage found nothing)
 * @param confident whether the knowledge base answers by itself
 * @param matchedBy the first stage that ranked the best intent first, or FUSED when only the fusion did
 * @param hits the passages, best first
 */
public record Retrieval(List<RankedIntent> intents, Map<Stage, List<String>> stageRankings, boolean confident,
        Stage matchedBy, List<Hit> hits) {

    public Optional<RankedIntent> best() {
        return intents.isEmpty() ? Optional.empty() : Optional.of(intents.get(0));
    }

    public double confidence() {
        return intents.isEmpty() ? 0 : intents.get(0).score();
    }

    /**
     * @param score fused score in [0, 1]
     * @param similarity vector similarity (whole message and asking sentences)
     */
    public record RankedIntent(String intent, Agent agent, double score, double similarity) {
    }

    /** A citable passage: an article of an intent. */
    public record Hit(String articleId, String title, String intent, Agent agent, String text, double score,
            Stage stage) {
    }
}
