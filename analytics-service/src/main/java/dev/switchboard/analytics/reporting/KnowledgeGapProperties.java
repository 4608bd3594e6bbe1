package dev.switchboard.analytics.reporting;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param similarity cosine similarity to a group's centre from which a question joins the group
 * @param maxQuestions the most recent unanswered questions of a range that are grouped: bounds the report's memory
 *     (each holds a 384-float embedding) and its time (every question is compared with every group)
 */
@ConfigurationProperties("switchboard.analytics.knowledge-gaps")
record KnowledgeGapProperties(@DefaultValue("0.6") double similarity, @DefaultValue("1000") int maxQuestions) {
}
