package dev.switchboard.intent.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.intent.classification.EmbeddingIntentClassifier;
import dev.switchboard.intent.classification.KbKeywordClassifier;
import dev.switchboard.intent.classification.KeywordOverlapClassifier;
import dev.switchboard.intent.evaluation.RoutingEvaluation.Half;
import dev.switchboard.intent.evaluation.RoutingEvaluation.Report;
import dev.switchboard.intent.evaluation.RoutingEvaluation.Row;
import dev.switchboard.intent.routing.RoutingHarness;
import dev.switchboard.language.TrainingExamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The accuracy floors, enforced in CI: the labelled test set kept in the project, the dialogues (later turns, routed
 * with the conversation's state), and, when ../shared is checked out beside the repository, the shared hand-written dev
 * set and both halves of the real dev set (clear rows; a clarification counts as right only when the true intent is
 * among its suggestions). Messages are routed as the service routes them: classifier, dialogue state, clarification.
 * Under CI ({@code CI=true}) a missing data file fails instead of skipping. The baselines are printed beside.
 */
class RoutingAccuracyIT {

    static final double AGENT_FLOOR = 0.97;
    static final double INTENT_FLOOR = 0.93;
    /**
     * Reached 2026-12-02 (issue 17: tuning 0.881 / 0.774, scoring 0.835 / 0.729; dialogues 0.917 on 2026-12-04)
     * minus a small margin, see docs/intent-classification.md.
     */
    static final double REAL_TUNING_AGENT_FLOOR = 0.86;
    static final double REAL_TUNING_INTENT_FLOOR = 0.75;
    static final double REAL_SCORING_AGENT_FLOOR = 0.81;
    static final double REAL_SCORING_INTENT_FLOOR = 0.70;
    static final double REAL_CLARIFIED_CEILING = 0.15;
    static final double DIALOGUE_INTENT_FLOOR = 0.88;
    static final Path TEST_SET = Path.of("src/test/resources/eval/routing_test.tsv");
    static final Path DIALOGUES = Path.of("src/test/resources/eval/dialogues.tsv");
    static final Path DEV_SET = Path.of("../../shared/data/dev_routing.tsv");
    static final Path REAL_DEV_SET = Path.of("../../shared/data/real_dev_routing.tsv");

    static TrainingExamples training;
    static EmbeddingIntentClassifier classifier;

    @BeforeAll
    static void trainOnTheKnowledgeBase() {
        training = GuardrailSets.trainingExamples();
        classifier = GuardrailSets.classifier();
    }

    private static RoutingHarness harness() {
        return new RoutingHarness(classifier, training.titles());
    }

    @Test
    void theProjectTestSetIsRoutedAboveTheFloors() {
        required(TEST_SET);
        assertAboveFloors("routing_test.tsv", RoutingEvaluation.read(TEST_SET), AGENT_FLOOR, INTENT_FLOOR);
    }

    @Test
    void theSharedDevSetIsRoutedAboveTheFloors() {
        required(DEV_SET);
        assertAboveFloors("dev_routing.tsv", RoutingEvaluation.read(DEV_SET), AGENT_FLOOR, INTENT_FLOOR);
    }

    @Test
    void theRealDevSetTuningHalfIsRoutedAboveItsFloors() {
        required(REAL_DEV_SET);
        assertAboveFloors("real_dev_routing.tsv tuning half, clear",
                RoutingEvaluation.readRealDev(REAL_DEV_SET, Half.TUNING), REAL_TUNING_AGENT_FLOOR,
                REAL_TUNING_INTENT_FLOOR);
    }

    @Test
    void theRealDevSetScoringHalfIsRoutedAboveItsFloors() {
        required(REAL_DEV_SET);
        assertAboveFloors("real_dev_routing.tsv scoring half, clear",
                RoutingEvaluation.readRealDev(REAL_DEV_SET, Half.SCORING), REAL_SCORING_AGENT_FLOOR,
                REAL_SCORING_INTENT_FLOOR, false);
    }

    @Test
    void laterTurnsOfTheDialoguesAreRoutedWithTheirContext() {
        required(DIALOGUES);
        List<RoutingEvaluation.Dialogue> dialogues = RoutingEvaluation.readDialogues(DIALOGUES);

        // Given the same turns each routed alone, for the record
        System.out.println(RoutingEvaluation.run("dialogues, later turns alone",
                dialogues.stream().flatMap(d -> d.turns().stream().skip(1)).toList(), harness().firstTurns()).summary());

        // When every dialogue is routed turn by turn in its own conversation
        RoutingHarness harness = harness();
        Report report = RoutingEvaluation.runDialogues("dialogues, later turns in context", dialogues, harness::route);
        System.out.println(report.summary());
        System.out.println(report.confusions());

        // Then the later turns reach the floor
        assertThat(report.intentAccuracy()).as("dialogue later-turn intent accuracy")
                .isGreaterThanOrEqualTo(DIALOGUE_INTENT_FLOOR);
    }

    /** Skips without the file on a developer's machine; under CI a missing file is a failure. */
    static void required(Path file) {
        String why = file.toAbsolutePath().normalize() + " is missing (../shared checked out beside the repository?)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            if (!Files.exists(file)) {
                fail("CI=true: " + why);
            }
        } else {
            assumeTrue(Files.exists(file), why + ": skipping");
        }
    }

    private static void assertAboveFloors(String name, List<Row> rows, double agentFloor, double intentFloor) {
        assertAboveFloors(name, rows, agentFloor, intentFloor, true);
    }

    /** @param showMisses false for the scoring half: its misses are not read, so that nothing is tuned on them */
    private static void assertAboveFloors(String name, List<Row> rows, double agentFloor, double intentFloor,
            boolean showMisses) {
        // Given the baselines, for the record
        System.out.println(RoutingEvaluation.run(name + " keyword overlap (seed)", rows,
                RoutingEvaluation.of(new KeywordOverlapClassifier())).summary());
        System.out.println(RoutingEvaluation.run(name + " KB keywords", rows,
                RoutingEvaluation.of(new KbKeywordClassifier(training))).summary());

        // When the service's routing takes every message as a first turn
        Report report = RoutingEvaluation.run(name + " routed", rows, harness().firstTurns());
        System.out.println(report.summary());
        System.out.println(report.longOnly().summary());
        if (showMisses) {
            System.out.println(report.confusions());
        }

        // Then both accuracies clear the floors, with few clarifications
        assertThat(report.agentAccuracy()).as(name + " agent accuracy").isGreaterThanOrEqualTo(agentFloor);
        assertThat(report.intentAccuracy()).as(name + " intent accuracy").isGreaterThanOrEqualTo(intentFloor);
        assertThat(report.clarificationRate()).as(name + " clarified share").isLessThanOrEqualTo(REAL_CLARIFIED_CEILING);
    }
}
