package dev.switchboard.analytics.ingest;

import dev.switchboard.platform.web.Caller;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/analytics/admin/rebuild} (admin): forgets every fact and reads the topics again from the oldest
 * retained event, for after a bug in the ingestion was fixed. The reports are complete again once the consumers have
 * caught up (consumer lag in the metrics). With several replicas, each replays only its own partitions: scale to one
 * first.
 */
@RestController
class RebuildController {

    private static final Logger log = LoggerFactory.getLogger(RebuildController.class);
    private static final List<String> FACTS = List.of("messages", "classifications", "fallbacks", "replies",
            "status_changes", "feedback", "account_actions", "unanswered_questions");

    private final DatabaseClient db;
    private final EventIngester ingester;

    /** The answer: the facts are gone and this many partitions are being read again. */
    record Rebuild(String status, int partitions) {
    }

    RebuildController(DatabaseClient db, EventIngester ingester) {
        this.db = db;
        this.ingester = ingester;
    }

    @PostMapping("/api/v1/analytics/admin/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Rebuild> rebuild(Caller caller) {
        caller.requireAdmin("Rebuilding the analytics");
        long started = System.nanoTime();
        // delete, not truncate: truncate waits for an exclusive lock behind any report or insert in flight
        return Flux.fromIterable(FACTS).concatMap(table -> db.sql("delete from " + table).then()).then()
                .then(Mono.fromCallable(ingester::replayFromTheStart))
                .map(partitions -> {
                    log.warn("analytics rebuild requested by {}: facts deleted in {} ms, replaying {} partitions from "
                            + "the start", caller.userId(), (System.nanoTime() - started) / 1_000_000, partitions);
                    return new Rebuild("replaying", partitions);
                });
    }
}
