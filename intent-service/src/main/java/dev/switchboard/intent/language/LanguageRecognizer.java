package dev.switchboard.intent.language;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.switchboard.intent.classification.Lexicon;
import dev.switchboard.platform.lifecycle.WarmUp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Which language a customer message is in, on every turn (docs/intent-classification.md, "Other languages"), with
 * Lingua in its high-accuracy mode. A message counts as not English only when the likeliest language is another and
 * English's confidence relative to it is below {@code englishBelow}: short English questions, slang and product names
 * come out Portuguese or French at English 0.9 and above. A message in Latin letters only with fewer than
 * {@code minLetters} letters ("modem", "thx", "Fios TV") is too short to tell and read as English.
 *
 * <p>Short messages typed without accents and with English product words ("mi router no prende", "khong vao duoc
 * internet") come out another language first with English close behind; there the function words decide
 * ({@link FunctionWords}): when the message holds more of another language's than of English's, it is that language.
 * The same count keeps the low-accuracy pass from settling such a message as English.
 *
 * <p>The languages are the ones we reply in (English, Spanish, Portuguese, French, Vietnamese, Chinese), the other
 * Latin-script ones customers wrote in on the first blind round (German, Italian, Tagalog: without them those read as
 * English), and languages of their own script (Japanese, Korean, Arabic, Russian, Hindi); more are a setting. Dutch
 * and Indonesian are also recognised by their function words alone, where Lingua hesitates. The models take seconds of
 * CPU and heap to load, so the list stays short; they are loaded on a thread of their own from construction and
 * readiness waits for them: left to Lingua's lazy loading, the first customer message waited 3.5 s for them
 * (docs/benchmarks.md). Lingua's low-accuracy mode alone took short English questions ("reset my password") for
 * Italian or French, so it only looks first: when its likeliest language is English, the message is English, and only
 * the others (one in seventeen of the project's English messages, every other-language one) are read again in
 * high-accuracy mode. The two passes decide as the second alone on every message of the project's sets; the first
 * reads trigrams only where the second reads n-grams of one to five letters, and those lookups cost intent-service
 * more CPU per message than anything but the embedding model at high volume (docs/benchmarks.md). Counted as
 * {@code intent.language{language}}, timed as {@code intent.language.latency}; the second passes as
 * {@code intent.language.second.pass}.
 *
 * <p>Only the models Lingua reads are loaded up front. Among these languages, Arabic, Russian, Hindi and Korean are
 * each the only one written in its script, so Lingua names them from the script and never opens their models, yet
 * Arabic's and Russian's are the largest (13.7 of the 37.8 MB of JSON). Lingua's detectors share the models loaded, so
 * a detector of the other languages loads theirs, and the one that recognises uses them; the four load on first use,
 * which only a message whose words are as often in one script as in another would need.
 */
@Component
@EnableConfigurationProperties(LanguageRecognizer.Settings.class)
public class LanguageRecognizer implements WarmUp {

    public static final String ENGLISH = "en";

    /**
     * @param englishBelow a message is read as another language only when English's relative confidence is below it
     * @param minLetters a message in Latin letters only, with fewer letters than this, is read as English
     * @param englishBelowWithAccents the same for a message with a Latin letter English does not use (ê, ñ, ç, ơ):
     *     such letters are evidence the model's n-grams half ignore ("mua thêm dung luong data thi het bao nhieu
     *     tien" is Vietnamese first and English at 0.89)
     * @param trigramsFirst whether the low-accuracy pass looks first and settles the messages it finds likeliest
     *     English; off, every message is read in high-accuracy mode, which decides the same at more CPU
     * @param moreLanguages Latin-script languages recognised beside {@link #LANGUAGES}, for customers known to write
     *     in them: each costs heap and CPU on every message (Dutch, Indonesian and Polish together 96 MB and a
     *     quarter more time, docs/intent-classification.md), where the function words alone recognise many
     */
    @ConfigurationProperties("switchboard.language")
    public record Settings(@DefaultValue("0.85") double englishBelow, @DefaultValue("12") int minLetters,
            @DefaultValue("0.95") double englishBelowWithAccents, @DefaultValue("true") boolean trigramsFirst,
            @DefaultValue List<Language> moreLanguages) {

        public Settings {
            moreLanguages = List.copyOf(moreLanguages);
        }

        public static Settings defaults() {
            return new Settings(0.85, 12, 0.95, true, List.of());
        }

        public Settings withTrigramsFirst(boolean trigramsFirst) {
            return new Settings(englishBelow, minLetters, englishBelowWithAccents, trigramsFirst, moreLanguages);
        }

        public Settings withMoreLanguages(List<Language> moreLanguages) {
            return new Settings(englishBelow, minLetters, englishBelowWithAccents, trigramsFirst, moreLanguages);
        }
    }

    /** The opening of a long message tells its language; the rest would only cost time. */
    static final int MAX_CHARS = 160;
    static final List<Language> LANGUAGES = List.of(Language.ENGLISH, Language.SPANISH, Language.PORTUGUESE,
            Language.FRENCH, Language.VIETNAMESE, Language.CHINESE, Language.GERMAN, Language.ITALIAN,
            Language.TAGALOG, Language.JAPANESE, Language.KOREAN, Language.ARABIC, Language.RUSSIAN, Language.HINDI);
    static final Set<Language> TOLD_BY_SCRIPT = EnumSet.of(Language.ARABIC, Language.RUSSIAN, Language.HINDI,
            Language.KOREAN);

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(LanguageRecognizer.class);

    private final CompletableFuture<Detectors> detectors = new CompletableFuture<>();
    private final FunctionWords functionWords = new FunctionWords();
    private final Settings settings;
    private final List<Language> languages;
    private final MeterRegistry meters;
    private final Timer latency;
    private final Counter secondPasses;

    public LanguageRecognizer(Settings settings, MeterRegistry meters) {
        this.settings = settings;
        this.languages = Stream.concat(LANGUAGES.stream(), settings.moreLanguages().stream()).distinct().toList();
        this.meters = meters;
        this.latency = Timer.builder("intent.language.latency")
                .description("time to recognise the language of one message").publishPercentileHistogram()
                .register(meters);
        this.secondPasses = Counter.builder("intent.language.second.pass")
                .description("messages read again in high-accuracy mode: the first pass did not find English likeliest")
                .register(meters);
        Thread loading = new Thread(() -> {
            long started = System.nanoTime();
            try {
                LanguageDetectorBuilder.fromLanguages(readByModels()).withPreloadedLanguageModels().build();
                Language[] recognised = languages.toArray(Language[]::new);
                detectors.complete(new Detectors(
                        LanguageDetectorBuilder.fromLanguages(recognised).withLowAccuracyMode().build(),
                        LanguageDetectorBuilder.fromLanguages(recognised).build()));
                log.info("Lingua's language models loaded in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException | Error e) {
                detectors.completeExceptionally(e);
            }
        }, "language-models");
        loading.setDaemon(true);
        loading.start();
    }

    /** Both read the models loaded once: the low-accuracy mode reads the trigram ones only. */
    private record Detectors(LanguageDetector trigrams, LanguageDetector full) {
    }

    private Language[] readByModels() {
        return languages.stream().filter(language -> !TOLD_BY_SCRIPT.contains(language)).toArray(Language[]::new);
    }

    /** Waits until the language models are loaded. */
    @Override
    public void warmUp() throws Exception {
        detectors.get(LOAD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The ISO 639-1 code of the message's language; {@link #ENGLISH} when it is English or cannot be told. */
    public String recognize(String message) {
        String language = latency.record(() -> languageOf(message));
        meters.counter("intent.language", "language", language).increment();
        return language;
    }

    private String languageOf(String message) {
        String opening = message.length() > MAX_CHARS ? message.substring(0, MAX_CHARS) : message;
        String text = Lexicon.withoutAddresses(opening);
        if (tooShortToTell(text)) {
            return ENGLISH;
        }
        Detectors loaded = detectors.join();
        if (settings.trigramsFirst()) {
            if (likeliestIsEnglish(loaded.trigrams().computeLanguageConfidenceValues(text))
                    && !functionWords.tally(text).outvotesEnglish()) {
                return ENGLISH;
            }
            secondPasses.increment();
        }
        SortedMap<Language, Double> confidences = loaded.full().computeLanguageConfidenceValues(text);
        double englishBelow = hasAccentedLatinLetter(text) ? settings.englishBelowWithAccents()
                : settings.englishBelow();
        if (confidences.isEmpty() || confidences.firstKey() == Language.ENGLISH) {
            return ENGLISH;
        }
        if (confidences.getOrDefault(Language.ENGLISH, 0.0) >= englishBelow) {
            return functionWords.tally(text).outvotingEnglish(confidences).map(LanguageRecognizer::code)
                    .orElse(ENGLISH);
        }
        return code(confidences.firstKey());
    }

    private static String code(Language language) {
        return language.getIsoCode639_1().name().toLowerCase(Locale.ROOT);
    }

    private static boolean likeliestIsEnglish(SortedMap<Language, Double> confidences) {
        return !confidences.isEmpty() && confidences.firstKey() == Language.ENGLISH;
    }

    private static boolean hasAccentedLatinLetter(String text) {
        return text.codePoints().anyMatch(c -> c > 0x7F && Character.isLetter(c)
                && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN);
    }

    private boolean tooShortToTell(String text) {
        int letters = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                if (Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
                    return false;
                }
                letters++;
            }
            i += Character.charCount(c);
        }
        return letters < settings.minLetters();
    }
}
