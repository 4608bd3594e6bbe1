package dev.switchboard.knowledge.answering;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.embedding.Embedders;
import dev.switchboard.events.Agent;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.base.KnowledgeBaseLoader;
import dev.switchboard.knowledge.retrieval.Retrieval.RankedIntent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The uncovered-question check over the shipped knowledge base's words, with the real model and shipped settings. */
class UncoveredQuestionsTest {

    static final String INTENT = "technician_appointment";
    /** Nothing the technician articles or examples say mentions a fan or a ceiling. */
    static final String UNCOVERED = "Can the technician hang a ceiling fan while he is here?";

    static KnowledgeBase knowledgeBase;
    static UncoveredQuestions check;

    @BeforeAll
    static void load() {
        knowledgeBase = new KnowledgeBaseLoader(JsonMapper.builder().build()).loadClasspath("knowledge-base.json");
        check = new UncoveredQuestions(Embedders.onnx(1), new UncoveredQuestions.Settings(20, 0.5, 0.85));
    }

    @Test
    void aQuestionAboutWhatItsIntentNeverMentionsIsUncovered() {
        // Given a short question placed by its frame (the technician) with an unsure similarity
        RankedIntent best = new RankedIntent(INTENT, Agent.tech_support, 0.9, 0.45);

        // When it is read
        boolean uncovered = check.uncovered(knowledgeBase, UNCOVERED, null, best);

        // Then without the words the intent does not have it has lost much of its meaning
        assertThat(check.kept(knowledgeBase, UNCOVERED, null, INTENT)).isLessThan(0.85);
        assertThat(uncovered).isTrue();
    }

    @Test
    void aQuestionInItsIntentsOwnWordsIsCovered() {
        // Given a short question in the words of the technician articles, as unsure
        String question = "How do I reschedule my technician visit?";
        RankedIntent best = new RankedIntent(INTENT, Agent.tech_support, 0.9, 0.45);

        // When it is read, Then it keeps its meaning and is answered as before
        assertThat(check.kept(knowledgeBase, question, null, INTENT)).isGreaterThan(0.95);
        assertThat(check.uncovered(knowledgeBase, question, null, best)).isFalse();
    }

    @Test
    void onlyShortQuestionsRetrievalIsUnsureOfAreRead() {
        // Given the uncovered question placed with a sure similarity, the same words said as a statement, and a
        // question of more than 20 words
        RankedIntent sure = new RankedIntent(INTENT, Agent.tech_support, 0.9, 0.55);
        RankedIntent unsure = new RankedIntent(INTENT, Agent.tech_support, 0.9, 0.45);
        String statement = "The technician should hang a ceiling fan while he is here.";
        String longQuestion = "We just moved in and the living room is very warm in the afternoon, so can the "
                + "technician hang a ceiling fan while he is here?";

        // When each is checked, Then none is read, so none is uncovered
        assertThat(check.uncovered(knowledgeBase, UNCOVERED, null, sure)).isFalse();
        assertThat(check.uncovered(knowledgeBase, statement, null, unsure)).isFalse();
        assertThat(check.uncovered(knowledgeBase, longQuestion, null, unsure)).isFalse();
    }
}
