package dev.switchboard.knowledge.feedback;

import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retriever;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /api/v1/knowledge/feedback}: was an article helpful? Counted per article and exposed as the metric
 * {@code knowledge_feedback_total{article,helpful}}, which is what editors of the knowledge base watch (the counts in
 * the answer are this instance's since it started; Prometheus sums the instances).
 */
@RestController
@RequestMapping("/api/v1/knowledge/feedback")
class FeedbackController {

    record ArticleFeedback(@NotBlank @Size(max = 100) String articleId, @NotNull Boolean helpful,
            @Size(max = 1000) String comment) {
    }

    record Counts(String articleId, long helpful, long notHelpful) {
    }

    private final Retriever retriever;
    private final MeterRegistry meters;
    private final Map<String, LongAdder[]> counts = new ConcurrentHashMap<>();

    FeedbackController(Retriever retriever, MeterRegistry meters) {
        this.retriever = retriever;
        this.meters = meters;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    Counts submit(@Valid @RequestBody ArticleFeedback feedback) {
        if (!exists(retriever.knowledgeBase(), feedback.articleId())) {
            ResponseStatusException e = new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "articleId: no article " + feedback.articleId() + " in the knowledge base");
            e.getBody().setTitle("Invalid request");
            e.getBody().setProperty("fields", List.of("articleId"));
            throw e;
        }
        LongAdder[] pair = counts.computeIfAbsent(feedback.articleId(), id -> new LongAdder[] {new LongAdder(),
                new LongAdder()});
        pair[feedback.helpful() ? 0 : 1].increment();
        // article ids are bounded by the knowledge base, so the tag cannot explode
        Counter.builder("knowledge.feedback").description("helpful / not helpful votes on knowledge-base articles")
                .tag("article", feedback.articleId()).tag("helpful", feedback.helpful().toString()).register(meters)
                .increment();
        return new Counts(feedback.articleId(), pair[0].sum(), pair[1].sum());
    }

    private static boolean exists(KnowledgeBase kb, String articleId) {
        return kb.entries().values().stream().flatMap(e -> e.articles().stream())
                .anyMatch(a -> a.id().equals(articleId));
    }
}
