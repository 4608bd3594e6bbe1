package dev.switchboard.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordsTest {

    @Test
    void punctuationAndCaseGoApostrophesAndDigitsStay() {
        assertThat(Words.normalize("  My WiFi can't connect -- router #2, 5GHz!? ")).isEqualTo("my wifi can't connect router 2 5ghz");
    }

    @Test
    void lettersOfOtherAlphabetsAreWords() {
        assertThat(Words.normalize("Ça ne marche pas: internet coupé")).isEqualTo("ça ne marche pas internet coupé");
    }

    @Test
    void countsTheNormalizedWordsAndNothingForPunctuationAlone() {
        assertThat(Words.count("Is there an outage, in my area?")).isEqualTo(7);
        assertThat(Words.count(" ?! ")).isZero();
        assertThat(Words.count("")).isZero();
    }
}
