package dev.switchboard.knowledge.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void theSentenceSharingMostWordsWithTheQueryIsTheSnippet() {
        String text = "Restart the gateway first. To find the WiFi password, look at the sticker on the gateway. "
                + "Call us if nothing helps.";

        assertThat(Snippets.of(text, "where is my wifi password"))
                .isEqualTo("To find the WiFi password, look at the sticker on the gateway.");
    }

    @Test
    void aLongSentenceIsCutAtAWordWithAnEllipsis() {
        String text = "word ".repeat(100).strip() + ".";

        String snippet = Snippets.of(text, "word");

        assertThat(snippet).hasSizeLessThanOrEqualTo(Snippets.MAX_LENGTH).endsWith("word…");
    }
}
