package dev.switchboard.intent.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.intent.evaluation.RoutingEvaluation.Half;
import dev.switchboard.intent.language.LanguageRecognizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The language recognition as intent-service runs it on every turn (docs/intent-classification.md, "Other
 * languages"): the English sets are not taken for another language (fewer than 1 % of each; every row of the real dev
 * set, clear or not), and the blind round's requests in eight other languages are all recognised. The shared dev sets
 * are required like in RoutingAccuracyIT. Every message read as another language is printed with what it was read as.
 * The recognizer's low-accuracy first pass changes no decision of its high-accuracy pass on any set, other languages'
 * included.
 */
class LanguageAccuracyIT {

    static final double OVER_BLOCKING_CEILING = 0.01;
    static final Path BLIND_LANGUAGES = Path.of("src/test/resources/eval/blind-2026-12-03/languages.tsv");
    static final Path SHORT_OTHER_LANGUAGES = Path.of("src/test/resources/eval/short_other_languages.txt");

    final LanguageRecognizer recognizer = new LanguageRecognizer(LanguageRecognizer.Settings.defaults(),
            new SimpleMeterRegistry());
    final LanguageRecognizer highAccuracyOnly = new LanguageRecognizer(
            LanguageRecognizer.Settings.defaults().withTrigramsFirst(false), new SimpleMeterRegistry());

    @Test
    void theSharedDevSetIsNotTakenForAnotherLanguage() {
        RoutingAccuracyIT.required(RoutingAccuracyIT.DEV_SET);
        assertMostlyEnglish("dev_routing.tsv",
                GuardrailSets.messages(RoutingEvaluation.read(RoutingAccuracyIT.DEV_SET)));
    }

    @Test
    void theRealDevSetIsNotTakenForAnotherLanguage() {
        RoutingAccuracyIT.required(RoutingAccuracyIT.REAL_DEV_SET);
        assertMostlyEnglish("real_dev_routing.tsv, all rows", Stream.concat(
                GuardrailSets.realDev(RoutingAccuracyIT.REAL_DEV_SET, Half.TUNING).stream(),
                GuardrailSets.realDev(RoutingAccuracyIT.REAL_DEV_SET, Half.SCORING).stream()).toList());
    }

    @Test
    void theProjectsEnglishSetsAreNotTakenForAnotherLanguage() {
        assertMostlyEnglish("routing_test.tsv", GuardrailSets.messages(
                RoutingEvaluation.read(Path.of("src/test/resources/eval/routing_test.tsv"))));
        assertMostlyEnglish("off_topic.txt", GuardrailSets.lineSet(GuardrailSets.OFF_TOPIC));
    }

    @Test
    void theBlindRoundsOtherLanguagesAreRecognised() throws IOException {
        // Given the blind round's requests in eight other languages
        List<String> requests = Files.readAllLines(BLIND_LANGUAGES, StandardCharsets.UTF_8).stream().skip(1)
                .map(line -> line.split("\t")).map(cells -> cells[cells.length - 1].strip()).toList();

        // When their language is recognised
        List<String> english = requests.stream()
                .filter(m -> recognizer.recognize(m).equals(LanguageRecognizer.ENGLISH)).toList();

        // Then none is taken for English
        System.out.printf(Locale.ROOT, "blind languages.tsv: %d of %d recognised%n", requests.size() - english.size(),
                requests.size());
        assertThat(english).isEmpty();
    }

    @Test
    void theLowAccuracyFirstPassChangesNoDecision() throws IOException {
        // Given every message of the English and the other-language sets
        RoutingAccuracyIT.required(RoutingAccuracyIT.DEV_SET);
        RoutingAccuracyIT.required(RoutingAccuracyIT.REAL_DEV_SET);
        List<String> messages = Stream.of(GuardrailSets.messages(RoutingEvaluation.read(RoutingAccuracyIT.DEV_SET)),
                GuardrailSets.realDev(RoutingAccuracyIT.REAL_DEV_SET, Half.TUNING),
                GuardrailSets.realDev(RoutingAccuracyIT.REAL_DEV_SET, Half.SCORING),
                GuardrailSets.messages(RoutingEvaluation.read(Path.of("src/test/resources/eval/routing_test.tsv"))),
                GuardrailSets.lineSet(GuardrailSets.OFF_TOPIC),
                GuardrailSets.column(Path.of("src/test/resources/eval/blind-2026-12-04/attacks.tsv"), 2),
                GuardrailSets.column(Path.of("src/test/resources/eval/blind-2026-12-04/lookalikes.tsv"), 2),
                GuardrailSets.column(BLIND_LANGUAGES, 3), GuardrailSets.lineSet(SHORT_OTHER_LANGUAGES))
                .flatMap(List::stream).toList();

        // When each is recognised with the first pass and with the high-accuracy pass alone
        List<String> differing = messages.stream()
                .filter(m -> !recognizer.recognize(m).equals(highAccuracyOnly.recognize(m))).toList();

        // Then both give the same language for every message
        long shortOnesReadAsEnglish = GuardrailSets.lineSet(SHORT_OTHER_LANGUAGES).stream()
                .filter(m -> recognizer.recognize(m).equals(LanguageRecognizer.ENGLISH)).count();
        System.out.printf(Locale.ROOT, "two passes against one: %d of %d messages differ; short_other_languages.txt: "
                + "%d read as English%n", differing.size(), messages.size(), shortOnesReadAsEnglish);
        assertThat(differing).isEmpty();
    }

    private void assertMostlyEnglish(String name, List<String> messages) {
        // Given every message of an English set
        // When its language is recognised
        List<String> other = messages.stream().filter(m -> !recognizer.recognize(m).equals(LanguageRecognizer.ENGLISH))
                .toList();
        other.forEach(m -> System.out.println("  " + name + " read as " + recognizer.recognize(m) + ": " + m));
        double share = other.size() / (double) messages.size();
        System.out.printf(Locale.ROOT, "%s: %d of %d read as another language (%.4f)%n", name, other.size(),
                messages.size(), share);

        // Then fewer than 1 % are taken for another language
        assertThat(share).as(name + " share read as another language").isLessThan(OVER_BLOCKING_CEILING);
    }
}
