package dev.switchboard.knowledge.answering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.events.Agent;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.retrieval.Retrieval.RankedIntent;
import dev.switchboard.platform.test.BuildCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The uncovered-question check over the shipped knowledge base's words, with the real model and shipped settings. */
class UncoveredQuestionsTest {

    static final String INTENT = "technician_appointment";
    /** Nothing the technician articles or examples say mentions a fan or a ceiling. */
    static final String UNCOVERED = "Can the technician hang a ceiling fan while he is here?";
    static final RankedIntent UNSURE = new RankedIntent(INTENT, Agent.tech_support, 0.9, 0.45);

    static KnowledgeBase knowledgeBase;
    static UncoveredQuestions check;

    @BeforeAll
    static void load() {
        knowledgeBase = new KnowledgeBaseLoader(JsonMapper.builder().build()).loadClasspath("knowledge-base.json");
        check = new UncoveredQuestions(Embedders.cached(Embedders.onnx(1), BuildCache.directory()),
                new UncoveredQuestions.Settings(22, 0.6, 0.8, 2, 0.55));
    }

    @Test
    void aQuestionAboutWhatItsIntentNeverMentionsIsUncovered() {
        // Given a short question placed by its frame (the technician) with an unsure similarity

        // When it is read
        boolean uncovered = check.uncovered(knowledgeBase, UNCOVERED, null, UNSURE);

        // Then what it asks about is a word no technician text has or comes near
        assertThat(check.subjects(knowledgeBase, UNCOVERED, INTENT)).contains("fan");
        assertThat(uncovered).isTrue();
    }

    @Test
    void aQuestionInItsIntentsOwnWordsIsCovered() {
        // Given a short question in the words of the technician articles, as unsure
        String question = "How do I reschedule my technician visit?";

        // When it is read, Then it keeps its meaning, has no subject the intent lacks, and is answered as before
        assertThat(check.kept(knowledgeBase, question, null, INTENT)).isGreaterThan(0.95);
        assertThat(check.subjects(knowledgeBase, question, INTENT)).isEmpty();
        assertThat(check.uncovered(knowledgeBase, question, null, UNSURE)).isFalse();
    }

    @Test
    void aWordNoIntentHasButTheIntentsWordsComeNearIsNoSubject() {
        // Given a question with a word the knowledge base never uses ("stuttering") for what the slow-internet
        // articles call buffering and lag
        String question = "Why do my video calls keep stuttering?";

        // When its subjects are read, Then that word is near enough to the intent's own words
        assertThat(check.subjects(knowledgeBase, question, "slow_internet")).doesNotContain("stuttering");
    }

    @Test
    void aLongerQuestionIsReadByItsAskingSentence() {
        // Given a story then a question
        String question = "We just moved in last week. Can the technician hang a ceiling fan while he is here?";

        // When its asking sentence is taken, Then it is the question
        assertThat(UncoveredQuestions.asking(question)).containsExactly(UNCOVERED);
        assertThat(check.uncovered(knowledgeBase, question, null, UNSURE)).isTrue();
    }

    @Test
    void onlyShortQuestionsRetrievalIsUnsureOfAreRead() {
        // Given the uncovered question placed with a sure similarity, the same words said as a statement, and a
        // question of more than 22 words
        RankedIntent sure = new RankedIntent(INTENT, Agent.tech_support, 0.9, 0.65);
        String statement = "The technician should hang a ceiling fan while he is here.";
        String longQuestion = "We just moved in and the living room is very warm in the afternoon, so can the "
                + "technician hang a ceiling fan while he is here?";

        // When each is checked, Then none is read, so none is uncovered
        assertThat(check.uncovered(knowledgeBase, UNCOVERED, null, sure)).isFalse();
        assertThat(check.uncovered(knowledgeBase, statement, null, UNSURE)).isFalse();
        assertThat(check.uncovered(knowledgeBase, longQuestion, null, UNSURE)).isFalse();
    }
}
