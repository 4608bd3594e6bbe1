package dev.switchboard.knowledge.answering;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param answerThreshold the intent confidence from which the knowledge base answers by itself; below it the LLM
 *     fallback answers, with the best passages
 * @param passages how many passages a fallback request carries
 */
@ConfigurationProperties("switchboard.knowledge")
record AnsweringProperties(@DefaultValue("0.5") double answerThreshold, @DefaultValue("3") int passages) {
}
