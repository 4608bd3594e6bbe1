package dev.switchboard.knowledge.answering;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retrieval;
import dev.switchboard.language.Words;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * A short question about something the best intent's text never mentions: "does the box support X" where no text of
 * that intent has a word for X. Retrieval places such a question by its frame (the TV box, the phone line) and scores
 * it like an answerable one, so this reads what the question is about instead: the words of the question that the
 * best intent's text (title, keywords, reply, articles, examples) does not contain are dropped, and the question is
 * uncovered when what remains has lost much of its meaning (the cosine of the question to the question without them
 * is below {@code kept}). Only short questions (asking form, at most {@code words} words) with a best similarity
 * below {@code similarity} are read: real customers' complaints are long, full of names and dates the knowledge base
 * never mentions, and still answerable (docs/knowledge-retrieval.md, "Questions no article covers").
 */
public final class UncoveredQuestions {

    /** How a question opens, or a question mark anywhere. */
    private static final Pattern ASKING = Pattern.compile(
            "^\\s*(?:how|can|could|do|does|is|are|will|would|where|why|what|when|which|who|should|may)\\b|\\?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_A_WORD_CHAR = Pattern.compile("[^\\p{L}\\p{N}'-]");

    private final SentenceEmbedder embedder;
    private final Settings settings;
    private final Analyzer analyzer = new EnglishAnalyzer();
    /** Each intent's stemmed words, for the knowledge base they were read from (a new version reads them again). */
    private final AtomicReference<Vocabulary> vocabulary = new AtomicReference<>();

    /**
     * @param words a question of more words is never read
     * @param similarity a question whose best intent is at least this similar is never read
     * @param kept below this cosine of the question to its words the best intent has, it is uncovered
     */
    public record Settings(int words, double similarity, double kept) {
    }

    private record Vocabulary(KnowledgeBase knowledgeBase, Map<String, Set<String>> stems) {
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
        return read(question, best) && kept(knowledgeBase, question, embedding, best.intent()) < settings.kept();
    }

    /** Only short questions retrieval is unsure of are read; the others cost nothing. */
    boolean read(String question, Retrieval.RankedIntent best) {
        return best.similarity() < settings.similarity() && Words.count(question) <= settings.words()
                && ASKING.matcher(question).find();
    }

    /** The cosine of the question to the question without the words the intent's text does not have. */
    public double kept(KnowledgeBase knowledgeBase, String question, float[] embedding, String intent) {
        Set<String> known = vocabulary(knowledgeBase).getOrDefault(intent, Set.of());
        StringBuilder kept = new StringBuilder();
        for (String word : question.trim().split("\\s+")) {
            // a stop word has no stem and stays: it is the question's frame, not what it is about
            if (known.containsAll(stems(NOT_A_WORD_CHAR.matcher(word).replaceAll(" ")))) {
                kept.append(word).append(' ');
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        float[] whole = embedding != null ? embedding : embedder.embed(question);
        return cosine(whole, embedder.embed(kept.toString().trim()));
    }

    private Map<String, Set<String>> vocabulary(KnowledgeBase knowledgeBase) {
        Vocabulary current = vocabulary.get();
        if (current != null && current.knowledgeBase() == knowledgeBase) {
            return current.stems();
        }
        Map<String, Set<String>> stems = new HashMap<>();
        for (KnowledgeBase.Entry entry : knowledgeBase.entries().values()) {
            StringBuilder text = new StringBuilder(entry.title()).append(' ').append(String.join(" ", entry.keywords()))
                    .append(' ').append(entry.response()).append(' ').append(String.join(" ", entry.examples()));
            entry.articles().forEach(a -> text.append(' ').append(a.title()).append(' ').append(a.text()));
            stems.put(entry.intent(), stems(text.toString()));
        }
        vocabulary.set(new Vocabulary(knowledgeBase, stems));
        return stems;
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

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return dot / Math.sqrt(aa * bb);
    }
}
