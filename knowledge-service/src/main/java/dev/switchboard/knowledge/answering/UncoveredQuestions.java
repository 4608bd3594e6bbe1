package dev.switchboard.knowledge.answering;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retrieval;
import dev.switchboard.language.Words;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A short question about something the best intent's text never mentions: "does the box support X" where no text of
 * that intent has a word for X. Retrieval places such a question by its frame (the TV box, the phone line) and scores
 * it like an answerable one, so this reads what each of its asking sentences is about instead, in two ways (a
 * message is uncovered when every one of them is):
 * <ul>
 * <li>the meaning kept: the words whose stems (Lucene's {@code EnglishAnalyzer}) the best intent's text (title,
 * keywords, reply, articles, examples) does not contain are dropped, function words (Lucene's Snowball English stop
 * list) always stay, and the sentence is uncovered when the cosine of it to what remains is below {@code kept};</li>
 * <li>a subject word: a word of the sentence that the best intent's own text (not its examples) does not have, that
 * fewer than {@code rare} intents' texts have at all, and that no word, keyword or title of the best intent comes near in meaning (best cosine
 * below {@code covered}): captions on a TV box, a fax machine on a phone line.</li>
 * </ul>
 * Only short questions (asking form, at most {@code words} words) with a best similarity below {@code similarity} are
 * read: real customers' complaints are long, full of names and dates the knowledge base never mentions, and still
 * answerable (docs/knowledge-retrieval.md, "Questions no article covers").
 */
public final class UncoveredQuestions {

    /** How a question opens, or a question mark anywhere. */
    private static final Pattern ASKING = Pattern.compile(
            "^\\s*(?:how|can|could|do|does|is|are|will|would|where|why|what|when|which|who|should|may)\\b|\\?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_A_WORD_CHAR = Pattern.compile("[^\\p{L}\\p{N}'-]");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("[^\\p{L}\\p{N}'-]+");
    private static final Pattern NO_LETTER = Pattern.compile("[^\\p{L}]*");
    /** Words shorter than this are initials and fragments ("se", "u"), not what a question is about. */
    private static final int SUBJECT_MIN_LENGTH = 3;
    private static final CharArraySet FUNCTION_WORDS = snowballStopWords();

    private final SentenceEmbedder embedder;
    private final Settings settings;
    private final Analyzer analyzer = new EnglishAnalyzer();
    /** Each intent's stemmed words, for the knowledge base they were read from (a new version reads them again). */
    private final AtomicReference<Vocabulary> vocabulary = new AtomicReference<>();

    /**
     * @param words a question of more words is never read
     * @param similarity a question whose best intent is at least this similar is never read
     * @param kept below this cosine of the asking sentence to its words the best intent has, it is uncovered
     * @param rare a word fewer intents' texts than this have can be a question's subject
     * @param covered a subject word whose best cosine to the best intent's words is below this makes it uncovered
     */
    public record Settings(int words, double similarity, double kept, int rare, double covered) {
    }

    /**
     * @param stems each intent's stems
     * @param written each intent's stems in what its authors wrote (its examples are customers' words)
     * @param intents how many intents' texts have each stem
     * @param terms each intent's words, keywords and titles, embedded when its first question is read
     */
    private record Vocabulary(KnowledgeBase knowledgeBase, Map<String, Set<String>> stems,
            Map<String, Set<String>> written, Map<String, Integer> intents,
            Map<String, float[][]> terms) {
    }

    public UncoveredQuestions(SentenceEmbedder embedder, Settings settings) {
        this.embedder = embedder;
        this.settings = settings;
    }

    /**
     * Whether the question asks about something its best intent's text does not cover.
     *
     * @param embedding the question's embedding when the classifier sent one (same model), else null
     */
    public boolean uncovered(KnowledgeBase knowledgeBase, String question, float[] embedding,
            Retrieval.RankedIntent best) {
        if (!read(question, best)) {
            return false;
        }
        List<String> asking = asking(question);
        // a message asking two things is answered when its intent covers either of them
        for (String sentence : asking) {
            // the classifier's embedding is of the whole message: it serves only when that is the one sentence
            float[] known = sentence.equals(question.trim()) ? embedding : null;
            if (kept(knowledgeBase, sentence, known, best.intent()) >= settings.kept()
                    && subjects(knowledgeBase, sentence, best.intent()).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Only short questions retrieval is unsure of are read; the others cost nothing. */
    boolean read(String question, Retrieval.RankedIntent best) {
        return best.similarity() < settings.similarity() && Words.count(question) <= settings.words()
                && ASKING.matcher(question).find();
    }

    /** Its sentences in asking form ("We just moved. Can you …?" asks the second), else the whole question. */
    static List<String> asking(String question) {
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        sentences.setText(question);
        List<String> asking = new ArrayList<>();
        for (int start = sentences.first(), end = sentences.next(); end != BreakIterator.DONE;
                start = end, end = sentences.next()) {
            String sentence = question.substring(start, end).trim();
            if (ASKING.matcher(sentence).find()) {
                asking.add(sentence);
            }
        }
        return asking.isEmpty() ? List.of(question.trim()) : asking;
    }

    /**
     * The cosine of the sentence to the sentence without the words the intent's text does not have.
     *
     * @param embedding the sentence's embedding when known, else null
     */
    double kept(KnowledgeBase knowledgeBase, String sentence, float[] embedding, String intent) {
        Set<String> known = vocabulary(knowledgeBase).stems().getOrDefault(intent, Set.of());
        StringBuilder kept = new StringBuilder();
        for (String word : sentence.trim().split("\\s+")) {
            String bare = NOT_A_WORD_CHAR.matcher(word).replaceAll(" ").trim().toLowerCase(Locale.ROOT);
            // a function word is the question's frame, not what it is about
            if (FUNCTION_WORDS.contains(bare) || known.containsAll(stems(bare))) {
                kept.append(word).append(' ');
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        float[] whole = embedding != null ? embedding : embedder.embed(sentence);
        return SentenceEmbedder.cosine(whole, embedder.embed(kept.toString().trim()));
    }

    /** The sentence's words that can be what it asks about and that nothing of the intent's text comes near. */
    List<String> subjects(KnowledgeBase knowledgeBase, String sentence, String intent) {
        Vocabulary current = vocabulary(knowledgeBase);
        Set<String> known = current.written().getOrDefault(intent, Set.of());
        List<String> subjects = new ArrayList<>();
        for (String word : new LinkedHashSet<>(List.of(WORD_SEPARATOR.split(sentence.toLowerCase(Locale.ROOT))))) {
            if (word.length() < SUBJECT_MIN_LENGTH || NO_LETTER.matcher(word).matches()
                    || FUNCTION_WORDS.contains(word)) {
                continue;
            }
            Set<String> stems = stems(word);
            // a word the intent's authors wrote, or one many intents have, is not a subject the intent lacks
            if (known.containsAll(stems)
                    || stems.stream().mapToInt(s -> current.intents().getOrDefault(s, 0)).max().orElse(0)
                            >= settings.rare()) {
                continue;
            }
            float[] vector = embedder.embed(word);
            double nearest = 0;
            for (float[] term : current.terms().computeIfAbsent(intent, i -> terms(knowledgeBase, i))) {
                nearest = Math.max(nearest, SentenceEmbedder.cosine(vector, term));
            }
            if (nearest < settings.covered()) {
                subjects.add(word);
            }
        }
        return subjects;
    }

    private Vocabulary vocabulary(KnowledgeBase knowledgeBase) {
        Vocabulary current = vocabulary.get();
        if (current != null && current.knowledgeBase() == knowledgeBase) {
            return current;
        }
        Map<String, Set<String>> stems = new HashMap<>();
        Map<String, Set<String>> written = new HashMap<>();
        Map<String, Integer> intents = new HashMap<>();
        for (KnowledgeBase.Entry entry : knowledgeBase.entries().values()) {
            StringBuilder text = new StringBuilder(entry.title()).append(' ').append(String.join(" ", entry.keywords()))
                    .append(' ').append(entry.response());
            entry.articles().forEach(a -> text.append(' ').append(a.title()).append(' ').append(a.text()));
            written.put(entry.intent(), stems(text.toString()));
            Set<String> own = stems(text.append(' ').append(String.join(" ", entry.examples())).toString());
            stems.put(entry.intent(), own);
            own.forEach(s -> intents.merge(s, 1, Integer::sum));
        }
        Vocabulary read = new Vocabulary(knowledgeBase, stems, written, intents, new ConcurrentHashMap<>());
        vocabulary.set(read);
        return read;
    }

    /** What the intent's authors wrote (title, keywords, reply, articles; not the customers' examples), embedded. */
    private float[][] terms(KnowledgeBase knowledgeBase, String intent) {
        KnowledgeBase.Entry entry = knowledgeBase.entry(intent).orElseThrow();
        Set<String> terms = new LinkedHashSet<>();
        terms.add(entry.title());
        terms.addAll(entry.keywords());
        StringBuilder text = new StringBuilder(entry.response());
        entry.articles().forEach(a -> {
            terms.add(a.title());
            text.append(' ').append(a.text());
        });
        for (String word : WORD_SEPARATOR.split(text.toString().toLowerCase(Locale.ROOT))) {
            if (word.length() > 1 && !FUNCTION_WORDS.contains(word)) {
                terms.add(word);
            }
        }
        return embedder.embedAll(List.copyOf(terms));
    }

    private Set<String> stems(String text) {
        Set<String> stems = new HashSet<>();
        try (TokenStream tokens = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                stems.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stems;
    }

    private static CharArraySet snowballStopWords() {
        try (Reader list = new InputStreamReader(SnowballFilter.class.getResourceAsStream(
                "/org/apache/lucene/analysis/snowball/english_stop.txt"), StandardCharsets.UTF_8)) {
            return WordlistLoader.getSnowballWordSet(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
