package dev.switchboard.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.schemas.Taxonomy;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrainingExamplesTest {

    /** A document with one example, one keyword and a title for every intent of the taxonomy, all under one agent. */
    private static String document(String extraIntent) {
        String categories = Taxonomy.intents().keySet().stream()
                .map(intent -> "\"" + intent + "\":{\"title\":\"Title of " + intent + "\",\"examples\":[\"example of "
                        + intent + "\"],\"keywords\":[\"kw-" + intent + "\"]}")
                .collect(Collectors.joining(","));
        if (extraIntent != null) {
            categories += ",\"" + extraIntent + "\":{\"examples\":[\"x\"]}";
        }
        return "{\"version\":\"test\",\"agents\":{\"general\":{\"categories\":{" + categories + "}}}}";
    }

    @Test
    void readsTheExamplesKeywordsAndTitlesOfAVersionsDocument() {
        // Given a knowledge base document as knowledge-service serves it
        String intent = Taxonomy.intents().keySet().iterator().next();

        // When its training examples are read
        TrainingExamples training = TrainingExamples.fromJson(document(null));

        // Then every intent has its examples, keywords and title
        assertThat(training.examples()).hasSize(Taxonomy.intents().size());
        assertThat(training.examples().get(intent)).containsExactly("example of " + intent);
        assertThat(training.keywords().get(intent)).containsExactly("kw-" + intent);
        assertThat(training.titles().get(intent)).isEqualTo("Title of " + intent);
        assertThat(training.size()).isEqualTo(Taxonomy.intents().size());
    }

    @Test
    void refusesWhatIsNotAKnowledgeBaseOfTheTaxonomy() {
        // Given broken JSON, JSON without agents, and an intent outside the taxonomy
        // When read, Then each is refused with what is wrong
        assertThatThrownBy(() -> TrainingExamples.fromJson("{\"agents\":")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> TrainingExamples.fromJson("{\"version\":\"1\"}"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no agents");
        assertThatThrownBy(() -> TrainingExamples.fromJson(document("not_an_intent")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not_an_intent");
    }
}
