package dev.switchboard.intent.language;

import com.github.pemistahl.lingua.api.Language;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.util.IOUtils;

/**
 * Articles, pronouns, prepositions and negations: the words a short message cannot do without, and the ones no other
 * language lends English, where product words (router, wifi, internet) are English in every language. Lingua's n-grams
 * weigh a message's letters, so "mi router no prende" comes out French first with English at 0.87, too close to tell
 * (docs/intent-classification.md, "Function words decide what Lingua cannot"). The lists are Lucene's stop words
 * (Snowball's and Indonesian's) and, for Vietnamese and Tagalog, which Lucene lacks, stopwords-iso's; all are read
 * without accents on both sides, because customers type "nao", "esta" and "khong" for "não", "está" and "không".
 */
final class FunctionWords {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** Which languages each function word belongs to: one lookup a word, whatever the number of lists. */
    private final Map<String, Set<Language>> languagesOf;

    FunctionWords() {
        Map<Language, Set<String>> lists = new EnumMap<>(Language.class);
        lists.put(Language.ENGLISH, folded(snowball("english_stop.txt")));
        lists.put(Language.SPANISH, folded(SpanishAnalyzer.getDefaultStopSet()));
        lists.put(Language.PORTUGUESE, folded(PortugueseAnalyzer.getDefaultStopSet()));
        lists.put(Language.FRENCH, folded(FrenchAnalyzer.getDefaultStopSet()));
        lists.put(Language.GERMAN, folded(GermanAnalyzer.getDefaultStopSet()));
        lists.put(Language.ITALIAN, folded(ItalianAnalyzer.getDefaultStopSet()));
        lists.put(Language.DUTCH, folded(DutchAnalyzer.getDefaultStopSet()));
        lists.put(Language.INDONESIAN, folded(IndonesianAnalyzer.getDefaultStopSet()));
        lists.put(Language.VIETNAMESE, folded(published("function-words-vi.txt")));
        lists.put(Language.TAGALOG, folded(published("function-words-tl.txt")));
        Map<String, Set<Language>> inverted = new HashMap<>();
        lists.forEach((language, words) -> words.forEach(
                word -> inverted.computeIfAbsent(word, w -> EnumSet.noneOf(Language.class)).add(language)));
        languagesOf = Map.copyOf(inverted);
    }

    /**
     * How many of each language's function words the message holds. A word is a run of letters, digits and
     * apostrophes: the "n" of "WR840N" is no French "n'".
     */
    Tally tally(String text) {
        Map<Language, Integer> counts = new EnumMap<>(Language.class);
        String folded = fold(text);
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean inWord = i < folded.length() && isWordChar(folded.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                languagesOf(folded.substring(start, i)).forEach(language -> counts.merge(language, 1, Integer::sum));
                start = -1;
            }
        }
        return new Tally(counts);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'';
    }

    /** "don't" is one English word; "j'ai" and "l'internet" begin with French ones. */
    private Set<Language> languagesOf(String word) {
        Set<Language> languages = languagesOf.get(word);
        if (languages != null) {
            return languages;
        }
        int apostrophe = word.indexOf('\'');
        return apostrophe > 0 ? languagesOf.getOrDefault(word.substring(0, apostrophe), Set.of()) : Set.of();
    }

    record Tally(Map<Language, Integer> counts) {

        private int english() {
            return counts.getOrDefault(Language.ENGLISH, 0);
        }

        /** Whether another language's function words outnumber English's. */
        boolean outvotesEnglish() {
            return counts.entrySet().stream()
                    .anyMatch(count -> count.getKey() != Language.ENGLISH && count.getValue() > english());
        }

        /**
         * The language other than English whose function words the message holds most of, when it holds more of
         * them than of English's; between two with as many, the one Lingua found likelier.
         */
        Optional<Language> outvotingEnglish(SortedMap<Language, Double> confidences) {
            Comparator<Map.Entry<Language, Integer>> byCount = Map.Entry.comparingByValue();
            return counts.entrySet().stream()
                    .filter(count -> count.getKey() != Language.ENGLISH && count.getValue() > english())
                    .max(byCount.thenComparing(count -> confidences.getOrDefault(count.getKey(), 0.0)))
                    .map(Map.Entry::getKey);
        }
    }

    private static Set<String> folded(CharArraySet stopWords) {
        return stopWords.stream().map(word -> fold(new String((char[]) word))).collect(Collectors.toUnmodifiableSet());
    }

    /** Lower case, without accents: "Não", "nao" and "não" are one word; Vietnamese đ has no mark to drop. */
    private static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.chars().allMatch(c -> c < 0x80)) {
            return lower;
        }
        String plain = lower.replace('’', '\'').replace('đ', 'd');
        return MARKS.matcher(Normalizer.normalize(plain, Normalizer.Form.NFD)).replaceAll("");
    }

    private static CharArraySet snowball(String resource) {
        return read(SnowballFilter.class.getResourceAsStream(resource), resource, WordlistLoader::getSnowballWordSet);
    }

    /** A list as published, one word a line, with # comments. */
    private static CharArraySet published(String resource) {
        return read(FunctionWords.class.getResourceAsStream("/language/" + resource), resource,
                reader -> WordlistLoader.getWordSet(reader, "#"));
    }

    private interface ListReader {
        CharArraySet read(Reader reader) throws IOException;
    }

    private static CharArraySet read(InputStream stream, String resource, ListReader list) {
        if (stream == null) {
            throw new IllegalStateException("the function words " + resource + " are not on the class path");
        }
        try (Reader reader = IOUtils.getDecodingReader(stream, StandardCharsets.UTF_8)) {
            return list.read(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the function words " + resource, e);
        }
    }
}
