package dev.switchboard.knowledge.retrieval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Stage 2: BM25 over every document of the knowledge base (articles, examples, titles with keywords), in memory. An
 * intent scores its best document. English stemming, so "restarting" finds "restart".
 */
final class Bm25Stage {

    private static final String FIELD = "text";
    private static final int TOP_DOCUMENTS = 64;

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final IndexSearcher searcher;
    private final int[] intentOfLuceneDoc;
    private final int intents;

    Bm25Stage(List<KnowledgeIndex.Doc> docs, int intents) {
        this.intents = intents;
        // never closed: it lives in memory, and a reload swaps the whole index while searches may still run on it
        ByteBuffersDirectory directory = new ByteBuffersDirectory();
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (int d = 0; d < docs.size(); d++) {
                Document document = new Document();
                document.add(new TextField(FIELD, docs.get(d).text(), Field.Store.NO));
                document.add(new NumericDocValuesField("doc", d));
                writer.addDocument(document);
            }
            writer.forceMerge(1);
            writer.commit();
            DirectoryReader reader = DirectoryReader.open(directory);
            this.searcher = new IndexSearcher(reader);
            this.intentOfLuceneDoc = new int[reader.maxDoc()];
            for (LeafReaderContext leaf : reader.leaves()) {
                NumericDocValues values = leaf.reader().getNumericDocValues("doc");
                for (int doc = values.nextDoc(); doc != NumericDocValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                    intentOfLuceneDoc[leaf.docBase + doc] = docs.get((int) values.longValue()).intent();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the BM25 index", e);
        }
    }

    double[] score(String text) {
        double[] scores = new double[intents];
        Set<String> terms = terms(text);
        if (terms.isEmpty()) {
            return scores;
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(t -> query.add(new TermQuery(new Term(FIELD, t)), BooleanClause.Occur.SHOULD));
        try {
            for (ScoreDoc hit : searcher.search(query.build(), TOP_DOCUMENTS).scoreDocs) {
                int intent = intentOfLuceneDoc[hit.doc];
                scores[intent] = Math.max(scores[intent], hit.score);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("BM25 search failed", e);
        }
        return scores;
    }

    private Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream tokens = analyzer.tokenStream(FIELD, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            // far below Lucene's clause limit even for the longest chat message (4,000 characters)
            while (tokens.incrementToken() && terms.size() < 512) {
                terms.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }
}
