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
     */
    record NoAnswer(@DefaultValue("0.6") double score, @DefaultValue("0.35") double similarity) {
    }
}
