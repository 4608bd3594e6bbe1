package dev.switchboard.knowledge.answering;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param passages how many passages a reply cites and a fallback request carries
 * @param noAnswer when nothing in the knowledge base supports an answer
 */
@ConfigurationProperties("switchboard.knowledge")
record AnsweringProperties(@DefaultValue("3") int passages, @DefaultValue NoAnswer noAnswer) {

    /**
     * Below either bound the best match does not support an answer, even a hedged one: the reply is the honest "I
     * don't know" instead of an unrelated article, and neither the model nor the extractive answer sees the message.
     * Chosen on the labelled dev sets (docs/knowledge-retrieval.md, "No answer").
     *
     * @param score the best intent's fused score
     * @param similarity the best intent's vector similarity
     * @param uncovered a short question about something its best intent's text does not mention, however it scored
     */
    record NoAnswer(@DefaultValue("0.6") double score, @DefaultValue("0.35") double similarity,
            @DefaultValue Uncovered uncovered) {
    }

    /**
     * When a question is uncovered ({@link UncoveredQuestions}); chosen on the labelled dev sets and two sets of
     * uncovered questions (docs/knowledge-retrieval.md, "Questions no article covers").
     *
     * @param words a question of more words is never read
     * @param similarity a question whose best intent is at least this similar is never read
     * @param kept below this cosine of the asking sentence to its words the best intent has, it is uncovered
     * @param rare a word fewer intents' texts than this have can be a question's subject
     * @param covered a subject word whose best cosine to the best intent's words is below this makes it uncovered
     */
    record Uncovered(@DefaultValue("22") int words, @DefaultValue("0.6") double similarity,
            @DefaultValue("0.8") double kept, @DefaultValue("2") int rare, @DefaultValue("0.55") double covered) {

        UncoveredQuestions.Settings settings() {
            return new UncoveredQuestions.Settings(words, similarity, kept, rare, covered);
        }
    }
}
