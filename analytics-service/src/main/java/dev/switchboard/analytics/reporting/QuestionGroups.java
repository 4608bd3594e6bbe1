package dev.switchboard.analytics.reporting;

import dev.switchboard.analytics.reporting.KnowledgeGapReport.Gap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Groups questions by the similarity of their embeddings in one pass, oldest first: a question joins the group whose
 * centre is the most similar, if that reaches the threshold, else it starts a group. No number of groups is fixed in
 * advance, and the cost is questions times groups.
 */
final class QuestionGroups {

    static final int EXAMPLES = 5;

    /** One unanswered question; {@code embedding} is unit length. */
    record Question(String text, float[] embedding, Instant askedAt) {
    }

    private final double similarity;
    private final List<Group> groups = new ArrayList<>();

    QuestionGroups(double similarity) {
        this.similarity = similarity;
    }

    /** @param questions oldest first */
    static List<Gap> of(List<Question> questions, double similarity, int limit) {
        QuestionGroups grouping = new QuestionGroups(similarity);
        questions.forEach(grouping::add);
        return grouping.groups.stream().sorted(Comparator.comparingInt((Group g) -> g.members.size()).reversed()
                .thenComparing(g -> g.members.get(g.members.size() - 1).askedAt(), Comparator.reverseOrder()))
                .limit(limit).map(Group::gap).toList();
    }

    private void add(Question question) {
        Group nearest = null;
        double best = similarity;
        for (Group group : groups) {
            double s = group.similarity(question.embedding());
            if (s >= best) {
                best = s;
                nearest = group;
            }
        }
        if (nearest == null) {
            nearest = new Group(question.embedding().length);
            groups.add(nearest);
        }
        nearest.add(question);
    }

    private static final class Group {

        /** Sum of the members' unit vectors: its direction is the centre, and its length never needs dividing. */
        private final double[] sum;
        private final List<Question> members = new ArrayList<>();

        Group(int dimension) {
            this.sum = new double[dimension];
        }

        void add(Question question) {
            members.add(question);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += question.embedding()[i];
            }
        }

        double similarity(float[] vector) {
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < sum.length; i++) {
                dot += sum[i] * vector[i];
                norm += sum[i] * sum[i];
            }
            return norm == 0 ? 0 : dot / Math.sqrt(norm);
        }

        Gap gap() {
            Question typical = members.stream().max(Comparator.comparingDouble(q -> similarity(q.embedding())))
                    .orElseThrow();
            Set<String> examples = new LinkedHashSet<>();
            for (int i = members.size() - 1; i >= 0 && examples.size() < EXAMPLES; i--) {
                String text = members.get(i).text();
                if (!text.equals(typical.text())) {
                    examples.add(text);
                }
            }
            return new Gap(typical.text(), members.size(), List.copyOf(examples), members.get(0).askedAt(),
                    members.get(members.size() - 1).askedAt());
        }
    }
}
