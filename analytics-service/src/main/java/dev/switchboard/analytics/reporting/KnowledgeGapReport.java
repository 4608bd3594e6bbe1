package dev.switchboard.analytics.reporting;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/analytics/knowledge-gaps}: the questions of a range that nothing in the knowledge base answered
 * (the honest "I don't know" replies), grouped by similarity and counted, most asked first: what KB authors should
 * write next.
 *
 * @param unanswered every unanswered question of the range
 * @param grouped how many of them were grouped: the most recent, at most {@code switchboard.analytics.knowledge-gaps
 *     .max-questions}
 * @param gaps the largest groups, at most {@code limit}
 */
record KnowledgeGapReport(Instant from, Instant to, long unanswered, int grouped, List<Gap> gaps) {

    /**
     * @param question the group's most typical question (the nearest to the group's centre)
     * @param count how many questions the group holds
     * @param examples a few of the group's other questions, distinct, most recent first
     */
    record Gap(String question, int count, List<String> examples, Instant firstAsked, Instant lastAsked) {
    }
}
