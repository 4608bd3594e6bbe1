package dev.switchboard.intent.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.pemistahl.lingua.api.Language;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FunctionWordsTest {

    static final FunctionWords WORDS = new FunctionWords();
    static final TreeMap<Language, Double> NO_PREFERENCE = new TreeMap<>();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SPANISH|mi router no prende",
            "FRENCH|le wifi marche pas",
            "FRENCH|j'ai pas de wifi",
            "PORTUGUESE|a internet nao funciona",
            "ITALIAN|il modem non va",
            "GERMAN|mein router ist kaputt",
            "DUTCH|ik heb geen internet",
            "VIETNAMESE|khong vao duoc wifi",
            "TAGALOG|hindi gumagana ang internet namin"})
    void aShortRequestOutvotesEnglishWithItsOwnFunctionWords(Language language, String message) {
        // Given a short request typed without accents, English product words in it
        // When its function words are counted
        FunctionWords.Tally tally = WORDS.tally(message);

        // Then its language's outnumber English's
        assertThat(tally.outvotesEnglish()).isTrue();
        assertThat(tally.outvotingEnglish(NO_PREFERENCE)).contains(language);
    }

    @ParameterizedTest
    @ValueSource(strings = {"my router is not working", "don't charge me twice", "Casa de la Playa wifi is down",
            "Comcast Internet Throttling"})
    void englishIsNotOutvoted(String message) {
        // Given English, with a Spanish place name in one and no function word at all in another
        // When its function words are counted
        FunctionWords.Tally tally = WORDS.tally(message);

        // Then no other language's outnumber English's
        assertThat(tally.outvotesEnglish()).isFalse();
        assertThat(tally.outvotingEnglish(NO_PREFERENCE)).isEmpty();
    }

    @Test
    void accentsAreIgnoredOnBothSides() {
        // Given the same Portuguese request with and without its accents
        // When their function words are counted
        // Then they count alike
        assertThat(WORDS.tally("você não está").counts()).isEqualTo(WORDS.tally("voce nao esta").counts())
                .containsEntry(Language.PORTUGUESE, 3);
    }

    @Test
    void betweenTwoLanguagesWithAsManyTheOneLinguaFoundLikelierWins() {
        // Given a message whose function words are as many in Spanish as in Portuguese ("que", "no")
        String message = "que no";

        // When Lingua found one or the other likelier
        // Then that one is named
        assertThat(WORDS.tally(message).outvotingEnglish(new TreeMap<>(
                Map.of(Language.PORTUGUESE, 1.0, Language.SPANISH, 0.9)))).contains(Language.PORTUGUESE);
        assertThat(WORDS.tally(message).outvotingEnglish(new TreeMap<>(
                Map.of(Language.SPANISH, 1.0, Language.PORTUGUESE, 0.9)))).contains(Language.SPANISH);
    }
}
