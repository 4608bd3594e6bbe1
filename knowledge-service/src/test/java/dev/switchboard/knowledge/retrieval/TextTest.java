package dev.switchboard.knowledge.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void aShortMessageIsItsOwnAsk() {
        assertThat(Text.askingSentences("how do I find my wifi password")).isEmpty();
    }

    @Test
    void theQuestionsOfALongMessageAreItsAsk() {
        String story = "I got home late yesterday and the TV box was showing an error. I restarted it twice and "
                + "nothing changed at all. Can you send somebody to look at it? Thanks in advance.";

        assertThat(Text.askingSentences(story)).containsExactly("Can you send somebody to look at it?");
    }

    @Test
    void withoutAQuestionTheLastSentenceIsTheAsk() {
        String story = "My bill went up by twenty dollars this month and I did not change anything on the account. "
                + "I would like an explanation of the new charges.";

        assertThat(Text.askingSentences(story)).containsExactly("I would like an explanation of the new charges.");
    }
}
