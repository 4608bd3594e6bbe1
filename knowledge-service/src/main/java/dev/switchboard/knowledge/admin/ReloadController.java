package dev.switchboard.knowledge.admin;

import dev.switchboard.knowledge.base.InvalidKnowledgeBaseException;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retriever;
import dev.switchboard.platform.web.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@code POST /api/v1/knowledge/admin/reload} (admin role): reads the configured knowledge base again and swaps the
 * index. A file that does not validate is refused with 422 naming the path and field, and the old index keeps serving.
 */
@RestController
class ReloadController {

    private static final Logger log = LoggerFactory.getLogger(ReloadController.class);

    record Reloaded(String version, int intents, long articles, long examples) {
    }

    private final Retriever retriever;
    private final MeterRegistry meters;

    ReloadController(Retriever retriever, MeterRegistry meters) {
        this.retriever = retriever;
        this.meters = meters;
    }

    @PostMapping("/api/v1/knowledge/admin/reload")
    Mono<Reloaded> reload(Caller caller) {
        caller.requireAdmin("Reloading the knowledge base");
        // re-embeds every document: seconds of CPU, off the event loop
        return Mono.fromCallable(retriever::reload).subscribeOn(Schedulers.boundedElastic())
                .map(kb -> {
                    count("reloaded");
                    log.info("knowledge base reloaded by {}: version {}", caller.userId(), kb.version());
                    return summary(kb);
                })
                .onErrorMap(InvalidKnowledgeBaseException.class, e -> {
                    count("refused");
                    log.warn("knowledge base reload by {} refused, the previous one keeps serving: {}",
                            caller.userId(), e.getMessage());
                    return new ResponseStatusException(HttpStatus.UNPROCESSABLE_CONTENT,
                            e.getMessage() + " (the previous knowledge base keeps serving)");
                });
    }

    private void count(String outcome) {
        Counter.builder("knowledge.reloads").description("knowledge-base reloads by outcome").tag("outcome", outcome)
                .register(meters).increment();
    }

    private static Reloaded summary(KnowledgeBase kb) {
        return new Reloaded(kb.version(), kb.entries().size(),
                kb.entries().values().stream().mapToLong(e -> e.articles().size()).sum(),
                kb.entries().values().stream().mapToLong(e -> e.examples().size()).sum());
    }
}
