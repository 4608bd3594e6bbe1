package dev.switchboard.knowledge.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.answering.UncoveredQuestions;
import dev.switchboard.knowledge.evaluation.RetrievalEvaluation.NoAnswer;
import dev.switchboard.knowledge.evaluation.RetrievalEvaluation.Report;
import dev.switchboard.knowledge.evaluation.RetrievalEvaluation.Row;
import dev.switchboard.knowledge.retrieval.KnowledgeIndex;
import dev.switchboard.knowledge.retrieval.RetrievalSettings;
import dev.switchboard.knowledge.retrieval.Stage;
import dev.switchboard.platform.test.BuildCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The retrieval floors of issue 4, enforced in CI: the project's own labelled queries (with off-topic ones), and the
 * shared dev set when ../shared is checked out beside the repository. Retrieval alone, without the classifier's
 * prior: the chat path, which has it, can only do better on intents the classifier gets right.
 */
class RetrievalAccuracyIT {

    static final double HIT1_FLOOR = 0.90;
    static final double ANSWERED_RIGHT_FLOOR = 0.90;
    static final double OFF_TOPIC_ANSWERED_CEILING = 0.05;
    static final Path TEST_SET = Path.of("src/test/resources/eval/retrieval_test.tsv");
    static final Path OFF_TOPIC = Path.of("src/test/resources/eval/off_topic.tsv");
    static final Path LONG_STORIES = Path.of("src/test/resources/eval/long_stories.tsv");
    static final Path DEV_SET = Path.of("../../shared/data/dev_routing.tsv");
    static final Path REAL_DEV_SET = Path.of("../../shared/data/real_dev_routing.tsv");
    /**
     * Real dev messages with the honest reply, and of them those whose best intent was their label, with the
     * uncovered-question check as measured (2026-12-04; 57 and 9 before the check, 72 and 13 with its first version).
     * Of the 5 it adds with their label, 3 read questions their article does not answer and 2 lose an article that
     * would have helped (docs/knowledge-retrieval.md, "The uncovered-question check reads subjects"). One message of
     * margin: the same code and data gave 58 and 74 on an AVX-512 VNNI machine (2026-12-04, sixteenth session), where
     * the int8 model's kernels round differently; retrieval alone already answered one more message honestly there.
     */
    static final int REAL_DEV_HONEST_CEILING = 74;
    static final int REAL_DEV_LOST_CEILING = 14;

    static SentenceEmbedder embedder;
    static KnowledgeIndex index;

    @BeforeAll
    static void indexTheShippedKnowledgeBase() {
        embedder = Embedders.cached(Embedders.onnx(2), BuildCache.directory());
        index = RetrievalEvaluation.index(embedder, RetrievalSettings.defaults());
    }

    @Test
    void theProjectsOwnQueriesAreRetrievedAboveTheFloors() {
        Report report = evaluate("retrieval_test.tsv", RetrievalEvaluation.read(TEST_SET));

        assertAboveFloors(report);
    }

    @Test
    void longStoriesAreRetrievedByWhatTheyAskAboveTheFloors() {
        List<Row> stories = RetrievalEvaluation.read(LONG_STORIES);
        Report report = evaluate("long_stories.tsv", stories);

        assertAboveFloors(report);

        // and it is the asking sentences that carry them: scored as a whole only, fewer find their article
        RetrievalSettings d = RetrievalSettings.defaults();
        KnowledgeIndex wholeOnly = RetrievalEvaluation.index(embedder, new RetrievalSettings(d.rrfK(),
                d.keywordWeight(), d.bm25Weight(), d.vectorWeight(), d.priorWeight(), 0, d.answerThreshold(),
                d.similarityFloor(), d.followUpFloor()));
        Report whole = RetrievalEvaluation.run("long_stories.tsv, whole message only", stories, wholeOnly);
        System.out.print(whole.summary());
        assertThat(report.of(Stage.FUSED).hit1()).as("fused hit@1 with the asking sentences weighted")
                .isGreaterThan(whole.of(Stage.FUSED).hit1());
    }

    @Test
    void offTopicMessagesDoNotGetAKnowledgeBaseAnswer() {
        Report report = evaluate("off_topic.tsv", RetrievalEvaluation.read(OFF_TOPIC));

        assertThat(report.of(Stage.FUSED).offTopic()).isGreaterThanOrEqualTo(40);
        assertThat(report.of(Stage.FUSED).offTopicAnswered()).as("off-topic answered from the knowledge base")
                .isLessThanOrEqualTo(OFF_TOPIC_ANSWERED_CEILING);
    }

    @Test
    void theSharedDevSetIsRetrievedAboveTheFloors() {
        assumeTrue(Files.exists(DEV_SET), "../shared is not checked out beside the repository: skipping "
                + DEV_SET.toAbsolutePath().normalize());

        assertAboveFloors(evaluate("dev_routing.tsv", RetrievalEvaluation.read(DEV_SET)));
    }

    @Test
    void theHonestReplyTakesNoArticleFromTheProjectsOwnAnswerableMessages() {
        // Given the uncovered-question check with its shipped settings
        UncoveredQuestions check = new UncoveredQuestions(index.embeddings(), RetrievalEvaluation.UNCOVERED);

        for (Path set : List.of(TEST_SET, LONG_STORIES)) {
            // When each set is decided as knowledge-service decides it
            NoAnswer result = RetrievalEvaluation.noAnswer(set.getFileName().toString(),
                    RetrievalEvaluation.read(set), index, check);
            System.out.println(result.line());

            // Then no message that retrieval places right loses its article to it
            assertThat(result.lost()).as(result.line()).isEqualTo(result.lostBefore());
        }
    }

    @Test
    void theHonestReplyTakesAtMostTheMeasuredArticlesFromTheDevSets() {
        assumeTrue(Files.exists(DEV_SET) && Files.exists(REAL_DEV_SET), "../shared is not checked out beside the "
                + "repository: skipping " + DEV_SET.toAbsolutePath().normalize());
        UncoveredQuestions check = new UncoveredQuestions(index.embeddings(), RetrievalEvaluation.UNCOVERED);

        NoAnswer dev = RetrievalEvaluation.noAnswer("dev_routing.tsv", RetrievalEvaluation.read(DEV_SET), index,
                check);
        NoAnswer real = RetrievalEvaluation.noAnswer("real_dev_routing.tsv", RetrievalEvaluation.read(REAL_DEV_SET),
                index, check);
        System.out.println(dev.line());
        System.out.println(real.line());
        real.newlyLost().forEach(System.out::println);

        assertThat(dev.lost()).as(dev.line()).isEqualTo(dev.lostBefore());
        assertThat(real.honest()).as(real.line()).isLessThanOrEqualTo(REAL_DEV_HONEST_CEILING);
        assertThat(real.lost()).as(real.line()).isLessThanOrEqualTo(REAL_DEV_LOST_CEILING);
    }

    private static Report evaluate(String name, List<Row> rows) {
        Report report = RetrievalEvaluation.run(name, rows, index);
        System.out.print(report.summary());
        report.misses().forEach(System.out::println);
        return report;
    }

    private static void assertAboveFloors(Report report) {
        var fused = report.of(Stage.FUSED);
        assertThat(fused.hit1()).as(report.name() + " fused hit@1").isGreaterThanOrEqualTo(HIT1_FLOOR);
        assertThat(fused.answeredRight()).as(report.name() + " answered from the KB with the right intent")
                .isGreaterThanOrEqualTo(ANSWERED_RIGHT_FLOOR);
        // the fusion must earn its keep over the lexical stages it fuses
        assertThat(fused.hit1()).isGreaterThanOrEqualTo(report.of(Stage.KEYWORD).hit1())
                .isGreaterThanOrEqualTo(report.of(Stage.BM25).hit1());
        assertThat(fused.mrr()).isGreaterThanOrEqualTo(report.of(Stage.VECTOR).mrr());
    }
}
