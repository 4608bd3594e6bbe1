package dev.switchboard.feedback.summary;

import dev.switchboard.platform.web.Caller;
import dev.switchboard.platform.web.QueryParameters;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/feedback/summary?from=&to=} (agent or admin): ratings, CSAT (share of 4–5 ratings), thumbs,
 * the most frequent reasons given with a thumbs-down, per agent and per intent.
 */
@RestController
class SummaryController {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(30);
    private static final int TOP_REASONS = 5;

    private final DatabaseClient db;

    SummaryController(DatabaseClient db) {
        this.db = db;
    }

    record Ratings(long count, Double averageRating, Double csat, Double resolvedRate) {
    }

    record Thumbs(long up, long down, Double helpfulRate) {
    }

    record Breakdown(String key, long ratings, Double averageRating, Double csat, long thumbsUp, long thumbsDown) {
    }

    record Reason(String reason, long count) {
    }

    record Summary(Instant from, Instant to, Ratings conversations, Thumbs replies, List<Reason> topNegativeReasons,
            List<Breakdown> byAgent, List<Breakdown> byIntent) {
    }

    @GetMapping("/api/v1/feedback/summary")
    Mono<Summary> summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            Caller caller) {
        caller.requireStaff("The feedback summary");
        Instant end = QueryParameters.instant("to", to, Instant.now());
        Instant start = QueryParameters.instant("from", from, end.minus(DEFAULT_RANGE));
        if (!start.isBefore(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from: must be before to");
        }
        return Mono.zip(ratings(start, end), thumbs(start, end), reasons(start, end), breakdown("agent", start, end),
                breakdown("intent", start, end))
                .map(t -> new Summary(start, end, t.getT1(), t.getT2(), t.getT3(), t.getT4(), t.getT5()));
    }

    private Mono<Ratings> ratings(Instant from, Instant to) {
        return db.sql("""
                select count(*) as n, avg(rating)::float8 as average,
                       avg(case when rating >= 4 then 1.0 else 0.0 end)::float8 as csat,
                       avg(case when resolved then 1.0 when resolved = false then 0.0 end)::float8 as resolved
                from conversation_feedback where updated_at >= :from and updated_at < :to""")
                .bind("from", from).bind("to", to)
                .map(row -> new Ratings(row.get("n", Long.class), row.get("average", Double.class),
                        row.get("csat", Double.class), row.get("resolved", Double.class)))
                .one();
    }

    private Mono<Thumbs> thumbs(Instant from, Instant to) {
        return db.sql("""
                select count(*) filter (where helpful) as up, count(*) filter (where not helpful) as down
                from reply_ratings where updated_at >= :from and updated_at < :to""")
                .bind("from", from).bind("to", to)
                .map(row -> {
                    long up = row.get("up", Long.class);
                    long down = row.get("down", Long.class);
                    return new Thumbs(up, down, up + down == 0 ? null : (double) up / (up + down));
                })
                .one();
    }

    private Mono<List<Reason>> reasons(Instant from, Instant to) {
        return db.sql("""
                select lower(trim(reason)) as reason, count(*) as n from reply_ratings
                where not helpful and reason is not null and trim(reason) <> ''
                  and updated_at >= :from and updated_at < :to
                group by lower(trim(reason)) order by n desc, reason limit :top""")
                .bind("from", from).bind("to", to).bind("top", TOP_REASONS)
                .map(row -> new Reason(row.get("reason", String.class), row.get("n", Long.class)))
                .all().collectList();
    }

    /** {@code column} is one of the two fixed names above, never user input. */
    private Mono<List<Breakdown>> breakdown(String column, Instant from, Instant to) {
        return db.sql("""
                with ratings as (
                    select %1$s as key, count(*) as n, avg(rating)::float8 as average,
                           avg(case when rating >= 4 then 1.0 else 0.0 end)::float8 as csat
                    from conversation_feedback where %1$s is not null and updated_at >= :from and updated_at < :to
                    group by %1$s),
                thumbs as (
                    select %1$s as key, count(*) filter (where helpful) as up, count(*) filter (where not helpful) as down
                    from reply_ratings where updated_at >= :from and updated_at < :to group by %1$s)
                select coalesce(r.key, t.key) as key, coalesce(r.n, 0) as n, r.average, r.csat,
                       coalesce(t.up, 0) as up, coalesce(t.down, 0) as down
                from ratings r full join thumbs t on t.key = r.key order by key""".formatted(column))
                .bind("from", from).bind("to", to)
                .map(row -> new Breakdown(row.get("key", String.class), row.get("n", Long.class),
                        row.get("average", Double.class), row.get("csat", Double.class), row.get("up", Long.class),
                        row.get("down", Long.class)))
                .all().collectList();
    }
}
