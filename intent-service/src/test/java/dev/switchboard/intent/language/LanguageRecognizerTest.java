package dev.switchboard.intent.language;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageRecognizerTest {

    static final SimpleMeterRegistry METERS = new SimpleMeterRegistry();
    static final LanguageRecognizer RECOGNIZER = new LanguageRecognizer(LanguageRecognizer.Settings.defaults(), METERS);

    /** Short English, slang, typos and product names: what a detector gets wrong first (docs, "Other languages"). */
    @ParameterizedTest
    @ValueSource(strings = {"wifi", "modem", "Xfinity", "thx", "DVR", "Fios TV", "Eero pods", "no internet",
            "i want a human", "reset my password", "no signal on my cell", "how can I find my wifi password",
            "how do I restart my modem", "modem restart", "my wifi iz sooo slw", "my bil is to hi",
            "internet out again smh", "Xfinity app wont load", "whats the capital of peru",
            "How do I convert Celsius to Fahrenheit?", "garantie", "gracias"})
    void englishAndWhatIsTooShortToTellAreReadAsEnglish(String message) {
        // Given a message in English, or one too short to tell
        // When its language is recognised
        // Then it is English
        assertThat(RECOGNIZER.recognize(message)).isEqualTo(LanguageRecognizer.ENGLISH);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "es|oigan el internet no me funciona desde el martes",
            "pt|vocês podem me mandar a segunda via da conta?",
            "fr|je ne reçois plus mes factures par courriel depuis le mois dernier",
            "vi|tôi muốn hủy dịch vụ truyền hình",
            "zh|我要退订",
            "ar|أين أقرب متجر",
            "es|mi router no prende",
            "fr|le wifi marche pas",
            "it|la connessione e lenta",
            "vi|khong vao duoc internet"})
    void otherLanguagesAreRecognised(String language, String message) {
        // Given a request in another language; the last four short and without accents, which Lingua ranks another
        // language first with English close behind (0.86 to 0.95 of it), so their function words settle it, the
        // Italian one English first in the low-accuracy pass
        // When its language is recognised
        // Then it is that language
        assertThat(RECOGNIZER.recognize(message)).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ARABIC|أين أقرب متجر",
            "RUSSIAN|у меня не работает интернет с утра",
            "HINDI|मेरा इंटरनेट काम नहीं कर रहा है",
            "KOREAN|인터넷이 안 돼요"})
    void theLanguagesLeftToLoadOnFirstUseAreToldByTheirScriptAlone(Language language, String message) {
        // Given a detector of the languages recognised
        LanguageDetector detector = LanguageDetectorBuilder.fromLanguages(
                LanguageRecognizer.LANGUAGES.toArray(Language[]::new)).build();

        // When a message in a language whose models are not loaded up front is read
        // Then its script alone names it, at certainty, alone: Lingua's rule before any model is read (a model's
        // reading gives every candidate a value)
        assertThat(LanguageRecognizer.TOLD_BY_SCRIPT).contains(language);
        assertThat(detector.computeLanguageConfidenceValues(message)).containsExactly(Map.entry(language, 1.0));
    }

    @Test
    void anAccentedLetterCountsAgainstEnglishWhenAnotherLanguageIsLikelier() {
        // Given Vietnamese typed mostly without its accents, which Lingua ranks first with English at 0.91 of it (over
        // the plain 0.85), and English with borrowed accented words
        String vietnamese = "wifi nha minh yeu qua, shop kiem tra giùm";
        String english = "I left my résumé at the café, can you email my bill instead?";

        // When their languages are recognised
        // Then the accent tips the first to Vietnamese, and the second, English first, stays English
        assertThat(RECOGNIZER.recognize(vietnamese)).isEqualTo("vi");
        assertThat(RECOGNIZER.recognize(english)).isEqualTo(LanguageRecognizer.ENGLISH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"@comcastcares  https://t.co/r3Gr2SEyQf", "Casa de la Playa wifi is down"})
    void addressesAndForeignNamesDoNotMakeEnglishForeign(String message) {
        // Given a tweet of a handle and a link only, and English naming a Spanish place
        // When its language is recognised
        // Then it is English: the link's "t" and "co" are no French, the name's "de la" no more than English's words
        assertThat(RECOGNIZER.recognize(message)).isEqualTo(LanguageRecognizer.ENGLISH);
    }

    @Test
    void moreLanguagesAreASetting() throws Exception {
        // Given a Polish request, which no function-word list of ours holds, and a recognizer that knows Polish
        String polish = "nie mam internetu od rana";
        LanguageRecognizer withPolish = new LanguageRecognizer(
                LanguageRecognizer.Settings.defaults().withMoreLanguages(List.of(Language.POLISH)),
                new SimpleMeterRegistry());
        withPolish.warmUp();

        // When its language is recognised by both
        // Then only the one that knows Polish recognises it
        assertThat(withPolish.recognize(polish)).isEqualTo("pl");
        assertThat(RECOGNIZER.recognize(polish)).isEqualTo(LanguageRecognizer.ENGLISH);
    }

    @Test
    void aLongMessageIsReadFromItsOpeningAndTimed() {
        // Given a long complaint letter in French
        String letter = "Bonjour, je vous écris parce que ma connexion coupe tous les soirs depuis trois semaines. "
                .repeat(20);
        long before = METERS.timer("intent.language.latency").count();

        // When its language is recognised
        String language = RECOGNIZER.recognize(letter);

        // Then it is French, and the recognition is timed and counted
        assertThat(language).isEqualTo("fr");
        assertThat(METERS.timer("intent.language.latency").count()).isEqualTo(before + 1);
        assertThat(METERS.counter("intent.language", "language", "fr").count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void onlyWhatTheLowAccuracyPassDoesNotFindEnglishIsReadAgain() {
        // Given a recognizer of its own, so other tests' messages are not counted
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LanguageRecognizer recognizer = new LanguageRecognizer(LanguageRecognizer.Settings.defaults(), meters);

        // When an English question and a Spanish request are recognised
        String english = recognizer.recognize("why is my download speed so much lower than what I pay for");
        String spanish = recognizer.recognize("no tengo internet desde ayer, que pasa?");

        // Then the English one is settled by the first pass, and only the Spanish one read in high-accuracy mode
        assertThat(english).isEqualTo(LanguageRecognizer.ENGLISH);
        assertThat(spanish).isEqualTo("es");
        assertThat(meters.counter("intent.language.second.pass").count()).isEqualTo(1);
    }

    @Test
    void withoutTheFirstPassNothingIsCountedAsASecondOne() {
        // Given a recognizer that reads every message in high-accuracy mode only
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LanguageRecognizer recognizer = new LanguageRecognizer(
                LanguageRecognizer.Settings.defaults().withTrigramsFirst(false), meters);

        // When a Spanish request is recognised
        String spanish = recognizer.recognize("no tengo internet desde ayer, que pasa?");

        // Then it is Spanish, read once, and no second pass is counted
        assertThat(spanish).isEqualTo("es");
        assertThat(meters.counter("intent.language.second.pass").count()).isZero();
    }
}
