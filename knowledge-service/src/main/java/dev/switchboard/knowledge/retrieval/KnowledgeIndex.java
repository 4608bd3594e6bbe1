package dev.switchboard.knowledge.retrieval;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.schemas.Taxonomy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One immutable, searchable build of a knowledge base: the three stages over the same documents (every article, every
 * example utterance, and each intent's title with its keywords), their fusion, and the answer-or-fallback decision.
 * A reload builds a new one and swaps it in whole.
 */
public final class KnowledgeIndex {

    private static final String THANKS = "thanks";

    /**
     * A searchable text of one intent; {@code article} is the article's position in its entry, or -1; {@code example}
     * whether it is one of the intent's example phrases.
     */
    record Doc(int intent, int article, String text, boolean example) {
    }

    private final KnowledgeBase knowledgeBase;
    private final List<IndexedIntent> intents;
    private final SentenceEmbedder embedder;
    private final RetrievalSettings settings;
    private final KeywordStage keyword;
    private final Bm25Stage bm25;
    private final VectorStage vector;
    private final List<Doc> docs;
    /** Per intent, per article: the document holding that article's text. */
    private final int[][] articleDocs;
    private final int documents;
    /** The embedding of every document text, so a reload embeds only what changed. */
    private final Map<String, float[]> vectorsByText;

    private KnowledgeIndex(KnowledgeBase knowledgeBase, List<IndexedIntent> intents, SentenceEmbedder embedder,
            RetrievalSettings settings, List<Doc> docs, float[][] vectors) {
        this.knowledgeBase = knowledgeBase;
        this.intents = intents;
        this.embedder = embedder;
        this.settings = settings;
        this.keyword = new KeywordStage(intents);
        this.bm25 = new Bm25Stage(docs, intents.size());
        this.vector = new VectorStage(vectors, docs, intents.size());
        this.docs = docs;
        this.articleDocs = new int[intents.size()][];
        for (IndexedIntent intent : intents) {
            articleDocs[intent.index()] = new int[intent.entry().articles().size()];
        }
        for (int d = 0; d < docs.size(); d++) {
            if (docs.get(d).article() >= 0) {
                articleDocs[docs.get(d).intent()][docs.get(d).article()] = d;
            }
        }
        this.documents = docs.size();
        Map<String, float[]> byText = new HashMap<>();
        for (int d = 0; d < docs.size(); d++) {
            byText.put(docs.get(d).text(), vectors[d]);
        }
        this.vectorsByText = Map.copyOf(byText);
    }

    /** Embeds every document (as many callers as cores; the embedder queues them) and builds the three stages. */
    public static KnowledgeIndex build(KnowledgeBase knowledgeBase, SentenceEmbedder embedder,
            RetrievalSettings settings) {
        return build(knowledgeBase, embedder, settings, Map.of());
    }

    /** A rebuild that reuses the embeddings of the texts the previous index already had. */
    static KnowledgeIndex rebuild(KnowledgeBase knowledgeBase, KnowledgeIndex previous) {
        return build(knowledgeBase, previous.embedder, previous.settings, previous.vectorsByText);
    }

    private static KnowledgeIndex build(KnowledgeBase knowledgeBase, SentenceEmbedder embedder,
            RetrievalSettings settings, Map<String, float[]> known) {
        List<IndexedIntent> intents = new ArrayList<>();
        // taxonomy order, so a ranking tie breaks the same way on every build
        for (String id : Taxonomy.intents().keySet()) {
            knowledgeBase.entry(id).ifPresent(e -> intents.add(new IndexedIntent(intents.size(), id, e)));
        }
        List<Doc> docs = new ArrayList<>();
        for (IndexedIntent intent : intents) {
            KnowledgeBase.Entry entry = intent.entry();
            docs.add(new Doc(intent.index(), -1, entry.title() + ". " + String.join(", ", entry.keywords()), false));
            for (int a = 0; a < entry.articles().size(); a++) {
                KnowledgeBase.Article article = entry.articles().get(a);
                docs.add(new Doc(intent.index(), a, article.title() + ". " + article.text(), false));
            }
            entry.examples().forEach(example -> docs.add(new Doc(intent.index(), -1, example, true)));
        }
        return new KnowledgeIndex(knowledgeBase, List.copyOf(intents), embedder, settings, List.copyOf(docs),
                embedAll(embedder, docs.stream().map(Doc::text).toList(), known));
    }

    /** The texts {@code known} does not have, in one bulk call (read from the embedder's cache when it can). */
    private static float[][] embedAll(SentenceEmbedder embedder, List<String> texts, Map<String, float[]> known) {
        List<String> missing = texts.stream().filter(text -> !known.containsKey(text)).distinct().toList();
        float[][] embedded = embedder.embedAll(missing);
        Map<String, float[]> byText = new HashMap<>(known);
        for (int i = 0; i < missing.size(); i++) {
            byText.put(missing.get(i), embedded[i]);
        }
        return texts.stream().map(byText::get).toArray(float[][]::new);
    }

    /**
     * The index's model, answering the texts this index has embedded from memory and embedding only the others: the
     * accuracy gate trains the classifier on a version's example phrases, which this index (every example is one of
     * its documents) has nearly all of.
     */
    public SentenceEmbedder embeddings() {
        return new SentenceEmbedder() {
            @Override
            public float[] embed(String text) {
                float[] known = vectorsByText.get(text);
                return known != null ? known.clone() : embedder.embed(text);
            }

            @Override
            public String modelName() {
                return embedder.modelName();
            }

            @Override
            public float[][] embedAll(List<String> texts) {
                return KnowledgeIndex.embedAll(embedder, texts, vectorsByText);
            }
        };
    }

    public KnowledgeBase knowledgeBase() {
        return knowledgeBase;
    }

    public int documents() {
        return documents;
    }

    public RetrievalSettings settings() {
        return settings;
    }

    /**
     * Retrieves for one message.
     *
     * @param embedding the message's embedding when the classifier already computed it (same model), else null
     * @param prior the routed intent probabilities (intent → probability); empty when nothing was routed
     */
    public Retrieval retrieve(String text, float[] embedding, Map<String, Double> prior) {
        List<String> asking = Text.askingSentences(text);
        // an embedding of another size comes from another model (a classifier upgraded first): embed again
        float[] query = embedding != null && embedding.length == vector.dimension() ? embedding : embedder.embed(text);
        List<float[]> askingVectors = asking.stream().map(embedder::embed).toList();

        double a = asking.isEmpty() ? 0 : settings.askWeight();
        double[] keywordScores = blend(normalized(keyword.score(text)),
                best(asking, s -> normalized(keyword.score(s))), a);
        double[] bm25Scores = blend(normalized(bm25.score(text)), best(asking, s -> normalized(bm25.score(s))), a);
        double[] vectorScores = blend(vector.score(query), best(askingVectors, vector::score), a);

        Map<Stage, List<Integer>> ranks = new EnumMap<>(Stage.class);
        ranks.put(Stage.KEYWORD, ranking(keywordScores, true));
        ranks.put(Stage.BM25, ranking(bm25Scores, true));
        ranks.put(Stage.VECTOR, ranking(vectorScores, false));

        double[] weights = {settings.keywordWeight(), settings.bm25Weight(), settings.vectorWeight()};
        Stage[] stages = {Stage.KEYWORD, Stage.BM25, Stage.VECTOR};
        double best = 0;
        for (double w : weights) {
            best += w / (settings.rrfK() + 1);
        }
        double[] fused = new double[intents.size()];
        for (int s = 0; s < stages.length; s++) {
            List<Integer> ranking = ranks.get(stages[s]);
            for (int r = 0; r < ranking.size(); r++) {
                fused[ranking.get(r)] += weights[s] / (settings.rrfK() + r + 1) / best;
            }
        }
        if (!prior.isEmpty()) {
            for (IndexedIntent intent : intents) {
                fused[intent.index()] = (1 - settings.priorWeight()) * fused[intent.index()]
                        + settings.priorWeight() * prior.getOrDefault(intent.id(), 0.0);
            }
        }
        List<Integer> order = new ArrayList<>(intents.size());
        for (int i = 0; i < intents.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> fused[i]).reversed()
                .thenComparing(Comparator.comparingDouble((Integer i) -> vectorScores[i]).reversed()));

        List<Retrieval.RankedIntent> ranked = order.stream().map(i -> new Retrieval.RankedIntent(intents.get(i).id(),
                intents.get(i).entry().agent(), round(fused[i]), round(vectorScores[i]))).toList();
        int top = order.get(0);
        boolean confident = fused[top] >= settings.answerThreshold()
                && vectorScores[top] >= settings.similarityFloor()
                // "that didn't help" resembles "that fixed it" to an embedding: never answer it with a thank-you
                && !(intents.get(top).id().equals(THANKS) && Text.negated(text));
        Map<Stage, List<String>> stageRankings = new EnumMap<>(Stage.class);
        ranks.forEach((stage, ranking) -> stageRankings.put(stage,
                ranking.stream().map(i -> intents.get(i).id()).toList()));
        return new Retrieval(ranked, stageRankings, confident, stageOf(top, ranks, true),
                hits(order, fused, query, ranks));
    }

    /**
     * Retrieves for a follow-up intent-service kept on the conversation's topic ("unplugged it, no change" after a
     * frozen TV box): only the topic's articles, the turn's words choosing among them. Its words alone often rank
     * another intent first (the gateway restart), and the conversation says what they are about; so the topic answers
     * by itself when the words are similar enough to its texts at all ({@code followUpFloor}), else the turn goes the
     * unconfident way with the topic's passages only. A topic this knowledge base does not have is retrieved as usual.
     */
    public Retrieval retrieveWithin(String topic, String text, float[] embedding) {
        Retrieval all = retrieve(text, embedding, Map.of());
        Optional<Retrieval.RankedIntent> ranked = all.intents().stream().filter(i -> i.intent().equals(topic))
                .findFirst();
        if (ranked.isEmpty()) {
            return all;
        }
        boolean confident = ranked.get().similarity() >= settings.followUpFloor();
        Stage matchedBy = all.best().orElseThrow().intent().equals(topic) ? all.matchedBy() : Stage.FUSED;
        return new Retrieval(List.of(ranked.get()), all.stageRankings(), confident, matchedBy,
                all.hits().stream().filter(h -> h.intent().equals(topic)).toList());
    }

    /**
     * Every article, best first: an article scores its intent's fused score, shared out by how close it is to the
     * message among that intent's articles (the nearest takes the whole score).
     */
    private List<Retrieval.Hit> hits(List<Integer> order, double[] fused, float[] query,
            Map<Stage, List<Integer>> ranks) {
        List<Retrieval.Hit> hits = new ArrayList<>();
        for (int i : order) {
            IndexedIntent intent = intents.get(i);
            List<KnowledgeBase.Article> articles = intent.entry().articles();
            double[] similarity = new double[articles.size()];
            Integer[] byArticle = new Integer[articles.size()];
            for (int a = 0; a < articles.size(); a++) {
                similarity[a] = vector.similarity(query, articleDocs[i][a]);
                byArticle[a] = a;
            }
            Arrays.sort(byArticle, Comparator.comparingDouble((Integer a) -> similarity[a]).reversed());
            double nearest = similarity[byArticle[0]];
            Stage stage = stageOf(i, ranks, false);
            for (int a : byArticle) {
                // the intent's score, shared out by how close each of its articles is to the message
                double share = nearest <= 0 ? 1 : Math.max(0, similarity[a]) / nearest;
                KnowledgeBase.Article article = articles.get(a);
                hits.add(new Retrieval.Hit(article.id(), article.title(), intent.id(), intent.entry().agent(),
                        article.text(), round(fused[i] * share), stage));
            }
        }
        // stable: equal scores keep the fused order of their intents
        hits.sort(Comparator.comparingDouble(Retrieval.Hit::score).reversed());
        return List.copyOf(hits);
    }

    /** The first stage that ranked the intent first; else (not {@code strict}) the one that ranked it highest. */
    private static Stage stageOf(int intent, Map<Stage, List<Integer>> ranks, boolean strict) {
        Stage bestStage = Stage.FUSED;
        int bestRank = Integer.MAX_VALUE;
        for (Stage stage : List.of(Stage.KEYWORD, Stage.BM25, Stage.VECTOR)) {
            int rank = ranks.get(stage).indexOf(intent);
            if (rank >= 0 && rank < bestRank && (!strict || rank == 0)) {
                bestStage = stage;
                bestRank = rank;
            }
        }
        return bestStage;
    }

    /** Indexes of intents best first; with {@code evidenceOnly}, only those that scored above zero. */
    private static List<Integer> ranking(double[] scores, boolean evidenceOnly) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (!evidenceOnly || scores[i] > 0) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        return order;
    }

    private static <T> double[] best(List<T> sentences, Function<T, double[]> scorer) {
        double[] best = null;
        for (T sentence : sentences) {
            double[] s = scorer.apply(sentence);
            if (best == null) {
                best = s;
            } else {
                for (int i = 0; i < s.length; i++) {
                    best[i] = Math.max(best[i], s[i]);
                }
            }
        }
        return best;
    }

    /** Whole message and its asking sentences: {@code (1 - a) * whole + a * asking}. */
    private static double[] blend(double[] whole, double[] asking, double a) {
        if (asking == null || a == 0) {
            return whole;
        }
        double[] blended = new double[whole.length];
        for (int i = 0; i < whole.length; i++) {
            blended[i] = (1 - a) * whole[i] + a * asking[i];
        }
        return blended;
    }

    /** Scaled to the best intent, so lexical scores of a whole message and of one sentence can be blended. */
    private static double[] normalized(double[] scores) {
        double max = Arrays.stream(scores).max().orElse(0);
        if (max <= 0) {
            return scores;
        }
        double[] scaled = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            scaled[i] = scores[i] / max;
        }
        return scaled;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
