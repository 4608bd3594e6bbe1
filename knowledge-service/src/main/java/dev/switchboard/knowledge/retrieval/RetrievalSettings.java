package dev.switchboard.knowledge.retrieval;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the stages are fused and when the knowledge base answers by itself. The defaults were chosen on the project's
 * own labelled queries (src/test/resources/eval), see docs/knowledge-retrieval.md.
 *
 * @param rrfK reciprocal-rank-fusion constant: small, because there are only ~30 intents to rank
 * @param keywordWeight weight of the keyword stage in the fusion
 * @param bm25Weight weight of the BM25 stage in the fusion
 * @param vectorWeight weight of the vector stage in the fusion
 * @param priorWeight share of the routed intent's probability in the final score, when a routed intent is known: a
 *     tie-breaker, because the classifier uses the same model and examples, so its confident mistakes (a story that
 *     talks about one thing and asks about another) are the ones retrieval must not import
 * @param askWeight share of the asking sentences in a long message's score (the rest is the whole message)
 * @param answerThreshold final score from which the knowledge base answers by itself
 * @param similarityFloor vector similarity of the best intent below which nothing in the knowledge base is about the
 *     message (off-topic), whatever the ranks say
 * @param followUpFloor vector similarity to the conversation's topic from which a follow-up intent-service kept on it
 *     is answered from that topic by itself: its words are about something the topic's texts say, though they need
 *     not name the topic (the intent classifier's in-scope floor, docs/intent-classification.md "Calibration")
 */
@ConfigurationProperties("switchboard.knowledge.retrieval")
public record RetrievalSettings(@DefaultValue("2") double rrfK, @DefaultValue("1") double keywordWeight,
        @DefaultValue("1") double bm25Weight, @DefaultValue("2") double vectorWeight,
        @DefaultValue("0.1") double priorWeight, @DefaultValue("0.3") double askWeight,
        @DefaultValue("0.7") double answerThreshold, @DefaultValue("0.4") double similarityFloor,
        @DefaultValue("0.3") double followUpFloor) {

    public static RetrievalSettings defaults() {
        return new RetrievalSettings(2, 1, 1, 2, 0.1, 0.3, 0.7, 0.4, 0.3);
    }

    public RetrievalSettings with(double rrfK, double keywordWeight, double bm25Weight, double vectorWeight) {
        return new RetrievalSettings(rrfK, keywordWeight, bm25Weight, vectorWeight, priorWeight, askWeight,
                answerThreshold, similarityFloor, followUpFloor);
    }

    public RetrievalSettings withDecision(double answerThreshold, double similarityFloor) {
        return new RetrievalSettings(rrfK, keywordWeight, bm25Weight, vectorWeight, priorWeight, askWeight,
                answerThreshold, similarityFloor, followUpFloor);
    }
}
