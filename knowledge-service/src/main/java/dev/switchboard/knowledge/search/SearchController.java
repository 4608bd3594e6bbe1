package dev.switchboard.knowledge.search;

import dev.switchboard.events.Agent;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retrieval;
import dev.switchboard.knowledge.retrieval.Retriever;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** {@code GET /api/v1/knowledge/search} and {@code GET /api/v1/knowledge/categories}. */
@RestController
@RequestMapping("/api/v1/knowledge")
class SearchController {

    static final int MAX_QUERY_LENGTH = 4000;
    static final int MAX_LIMIT = 20;
    static final int DEFAULT_LIMIT = 5;

    private final Retriever retriever;

    SearchController(Retriever retriever) {
        this.retriever = retriever;
    }

    record SearchHit(String articleId, String title, String intent, Agent agent, String snippet, double score,
            String stage) {
    }

    /**
     * @param confident whether the chat pipeline would answer this query from the knowledge base by itself
     */
    record SearchResult(String query, Agent agent, boolean confident, List<SearchHit> hits) {
    }

    @GetMapping("/search")
    Mono<SearchResult> search(@RequestParam(required = false) String q, @RequestParam(required = false) String agent,
            @RequestParam(required = false) String limit) {
        if (q == null || q.isBlank()) {
            throw BadParameter.of("q", "must not be blank");
        }
        if (q.length() > MAX_QUERY_LENGTH) {
            throw BadParameter.of("q", "must be at most " + MAX_QUERY_LENGTH + " characters");
        }
        Agent only = agent == null || agent.isBlank() ? null : agent(agent);
        int max = limit(limit);
        // embedding the query runs the model: off the event loop
        return Mono.fromCallable(() -> retriever.retrieve(q, null, Map.of(), Retriever.Origin.SEARCH))
                .subscribeOn(Schedulers.boundedElastic())
                .map(retrieval -> new SearchResult(q, only, retrieval.confident(), retrieval.hits().stream()
                        .filter(h -> only == null || h.agent() == only).limit(max)
                        .map(h -> hit(h, q)).toList()));
    }

    private static SearchHit hit(Retrieval.Hit h, String q) {
        return new SearchHit(h.articleId(), h.title(), h.intent(), h.agent(), Snippets.of(h.text(), q), h.score(),
                h.stage().tag());
    }

    record Article(String id, String title) {
    }

    record Category(String intent, String title, List<Article> articles) {
    }

    record AgentCategories(Agent agent, List<Category> categories) {
    }

    record Categories(String version, List<AgentCategories> agents) {
    }

    @GetMapping("/categories")
    Categories categories(@RequestParam(required = false) String agent) {
        Agent only = agent == null || agent.isBlank() ? null : agent(agent);
        KnowledgeBase kb = retriever.knowledgeBase();
        List<AgentCategories> agents = Arrays.stream(Agent.values()).filter(a -> only == null || a == only)
                .map(a -> new AgentCategories(a, kb.entries().values().stream().filter(e -> e.agent() == a)
                        .sorted(Comparator.comparing(KnowledgeBase.Entry::intent))
                        .map(e -> new Category(e.intent(), e.title(), e.articles().stream()
                                .map(x -> new Article(x.id(), x.title())).toList()))
                        .toList()))
                .filter(a -> !a.categories().isEmpty()).toList();
        return new Categories(kb.version(), agents);
    }

    private static Agent agent(String value) {
        try {
            return Agent.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            throw BadParameter.of("agent", "must be one of tech_support, billing, general");
        }
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // refused below, with the same message as an out-of-range number
        }
        throw BadParameter.of("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
}
