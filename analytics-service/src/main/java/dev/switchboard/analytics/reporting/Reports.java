package dev.switchboard.analytics.reporting;

import dev.switchboard.analytics.reporting.IntentReport.IntentShare;
import dev.switchboard.analytics.reporting.IntentReport.IntentTrend;
import dev.switchboard.analytics.reporting.Overview.IntentCount;
import dev.switchboard.analytics.reporting.Overview.ResponseTime;
import dev.switchboard.analytics.reporting.SatisfactionReport.RatingBreakdown;
import dev.switchboard.analytics.reporting.SatisfactionReport.RatingBucket;
import io.r2dbc.spi.Readable;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Every report is one or a few SQL aggregations over the fact tables for the asked range. Percentiles use
 * {@code percentile_cont} over the raw latencies of the range or bucket, so they are exact for any range.
 */
@Service
class Reports {

    private final DatabaseClient db;
    private final double lowConfidence;

    Reports(DatabaseClient db, @Value("${switchboard.analytics.low-confidence:0.5}") double lowConfidence) {
        this.db = db;
        this.lowConfidence = lowConfidence;
    }

    Mono<Overview> overview(TimeRange range) {
        Mono<Overview> overview = one("""
                with m as (select * from messages where occurred_at >= :from and occurred_at < :to),
                     r as (select * from replies where occurred_at >= :from and occurred_at < :to),
                     conversations as (select distinct conversation_id from m),
                     escalated as (
                         select distinct conversation_id from status_changes where status = 'escalated'
                         union select distinct conversation_id from replies where source = 'escalation')
                select (select count(*) from conversations) as conversations,
                       (select count(*) from m) as messages,
                       (select count(distinct user_id) from m) as active_users,
                       (select count(*) from r) as replies,
                       (select avg(latency_ms)::float8 from r) as avg_response_ms,
                       (select percentile_cont(0.5) within group (order by latency_ms) from r) as p50_response_ms,
                       (select percentile_cont(0.95) within group (order by latency_ms) from r) as p95_response_ms,
                       (select count(*) filter (where source = 'knowledge_base') from r) as kb_answers,
                       (select count(*) from fallbacks f join r using (user_id, message_id)) as llm_fallbacks,
                       (select count(*) from conversations c join escalated e using (conversation_id)) as escalations,
                       (select count(*) from feedback where kind = 'conversation'
                            and occurred_at >= :from and occurred_at < :to) as ratings,
                       (select count(*) from feedback where kind = 'conversation' and rating >= 4
                            and occurred_at >= :from and occurred_at < :to) as satisfied""", range,
                row -> overview(range, row));
        Mono<List<IntentCount>> topIntents = all("""
                select intent, agent, count(*) as count from classifications
                where occurred_at >= :from and occurred_at < :to
                group by intent, agent order by count desc, intent limit 5""", range, IntentCount::of);
        return Mono.zip(overview, topIntents).map(t -> t.getT1().withTopIntents(t.getT2()));
    }

    /** The totals row of the overview; its top intents come from their own query. */
    private static Overview overview(TimeRange range, Readable row) {
        long conversations = number(row, "conversations");
        long replies = number(row, "replies");
        long escalations = number(row, "escalations");
        long ratings = number(row, "ratings");
        return new Overview(range.from(), range.to(), conversations, number(row, "messages"),
                number(row, "active_users"), replies,
                new ResponseTime(orZero(row, "avg_response_ms"), orZero(row, "p50_response_ms"),
                        orZero(row, "p95_response_ms")),
                ratio(number(row, "kb_answers"), replies), ratio(number(row, "llm_fallbacks"), replies),
                ratio(escalations, conversations),
                conversations == 0 ? 0.0 : 1.0 - ratio(escalations, conversations),
                ratings == 0 ? null : ratio(number(row, "satisfied"), ratings), ratings, List.of());
    }

    Mono<List<MetricsBucket>> metrics(TimeRange range) {
        return all("""
                with m as (select date_trunc('%1$s', occurred_at) as bucket, count(*) as messages from messages
                           where occurred_at >= :from and occurred_at < :to group by 1),
                     r as (select date_trunc('%1$s', occurred_at) as bucket, count(*) as replies,
                                  percentile_cont(0.5) within group (order by latency_ms) as p50,
                                  percentile_cont(0.95) within group (order by latency_ms) as p95,
                                  percentile_cont(0.99) within group (order by latency_ms) as p99
                           from replies where occurred_at >= :from and occurred_at < :to group by 1)
                select coalesce(m.bucket, r.bucket) as bucket, coalesce(m.messages, 0) as messages,
                       coalesce(r.replies, 0) as replies, r.p50 as p50_ms, r.p95 as p95_ms, r.p99 as p99_ms
                from m full join r on r.bucket = m.bucket order by bucket""".formatted(range.interval()), range,
                MetricsBucket::of);
    }

    Mono<IntentReport> intents(TimeRange range) {
        Mono<List<IntentShare>> distribution = all("""
                select agent, intent, count(*) as count,
                       (count(*)::float8 / sum(count(*)) over ()) as share,
                       avg(confidence)::float8 as avg_confidence,
                       avg(case when confidence < %1$s or intent = 'unknown' then 1.0 else 0.0 end)::float8
                           as low_confidence_share,
                       avg(frustration)::float8 as avg_frustration
                from classifications where occurred_at >= :from and occurred_at < :to
                group by agent, intent order by count desc, intent""".formatted(lowConfidence), range,
                IntentShare::of);
        Mono<List<IntentTrend>> trend = all("""
                select date_trunc('%1$s', occurred_at) as bucket, agent, intent, count(*) as count
                from classifications where occurred_at >= :from and occurred_at < :to
                group by 1, agent, intent order by bucket, count desc, intent""".formatted(range.interval()), range,
                IntentTrend::of);
        Mono<Double> lowConfidenceShare = one("""
                select coalesce(avg(case when confidence < %1$s or intent = 'unknown' then 1.0 else 0.0 end), 0)::float8
                           as low_confidence_share
                from classifications where occurred_at >= :from and occurred_at < :to""".formatted(lowConfidence),
                range, row -> row.get("low_confidence_share", Double.class));
        return Mono.zip(distribution, trend, lowConfidenceShare).map(t -> new IntentReport(range.from(), range.to(),
                range.interval(), t.getT3(), t.getT1(), t.getT2()));
    }

    Mono<SatisfactionReport> satisfaction(TimeRange range) {
        Mono<List<RatingBucket>> overTime = all("""
                select date_trunc('%1$s', occurred_at) as bucket, count(*) as ratings,
                       avg(rating)::float8 as avg_rating,
                       avg(case when rating >= 4 then 1.0 else 0.0 end)::float8 as csat
                from feedback where kind = 'conversation' and occurred_at >= :from and occurred_at < :to
                group by 1 order by 1""".formatted(range.interval()), range, RatingBucket::of);
        Mono<List<RatingBreakdown>> byAgent = breakdown("agent", range);
        Mono<List<RatingBreakdown>> byIntent = breakdown("intent", range);
        return Mono.zip(overTime, byAgent, byIntent).map(t -> new SatisfactionReport(range.from(), range.to(),
                range.interval(), t.getT1(), t.getT2(), t.getT3(), worst(t.getT3())));
    }

    /** The five lowest rated intents (unrated last), more thumbs down first; intents with no feedback are left out. */
    private static List<RatingBreakdown> worst(List<RatingBreakdown> byIntent) {
        return byIntent.stream()
                .filter(r -> r.avgRating() != null || r.thumbsDown() > 0)
                .sorted(Comparator
                        .comparingDouble((RatingBreakdown r) -> r.avgRating() == null || r.avgRating() == 0 ? 6.0
                                : r.avgRating())
                        .thenComparing(r -> -r.thumbsDown()))
                .limit(5).toList();
    }

    /** {@code column} is agent or intent, never user input. */
    private Mono<List<RatingBreakdown>> breakdown(String column, TimeRange range) {
        return all("""
                select %1$s as key, count(*) filter (where kind = 'conversation') as ratings,
                       avg(rating)::float8 as avg_rating,
                       avg(case when rating >= 4 then 1.0 when rating is not null then 0.0 end)::float8 as csat,
                       count(*) filter (where helpful) as thumbs_up,
                       count(*) filter (where helpful = false) as thumbs_down
                from feedback where %1$s is not null and occurred_at >= :from and occurred_at < :to
                group by %1$s order by %1$s""".formatted(column), range, RatingBreakdown::of);
    }

    Mono<ActionReport> actions(TimeRange range) {
        return all("""
                select action, outcome, count(*) as count from account_actions
                where occurred_at >= :from and occurred_at < :to
                group by action, outcome order by action, outcome""", range, ActionReport.ActionCount::of)
                .map(counts -> ActionReport.of(range, counts));
    }

    private <T> Mono<T> one(String sql, TimeRange range, Function<Readable, T> row) {
        return db.sql(sql).bind("from", range.from()).bind("to", range.to()).map(row).one();
    }

    private <T> Mono<List<T>> all(String sql, TimeRange range, Function<Readable, T> row) {
        return db.sql(sql).bind("from", range.from()).bind("to", range.to()).map(row).all().collectList();
    }

    private static long number(Readable row, String column) {
        return row.get(column) instanceof Number n ? n.longValue() : 0;
    }

    private static double orZero(Readable row, String column) {
        return row.get(column) instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
