package dev.switchboard.analytics.reporting;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    Mono<Map<String, Object>> overview(TimeRange range) {
        Mono<Map<String, Object>> totals = one("""
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
                       (select count(*) from fallbacks f join r on r.message_id = f.message_id) as llm_fallbacks,
                       (select count(*) from conversations c join escalated e using (conversation_id)) as escalations,
                       (select count(*) from feedback where kind = 'conversation'
                            and occurred_at >= :from and occurred_at < :to) as ratings,
                       (select count(*) from feedback where kind = 'conversation' and rating >= 4
                            and occurred_at >= :from and occurred_at < :to) as satisfied""", range);
        Mono<List<Map<String, Object>>> topIntents = all("""
                select intent, agent, count(*) as count from classifications
                where occurred_at >= :from and occurred_at < :to
                group by intent, agent order by count desc, intent limit 5""", range);
        return Mono.zip(totals, topIntents).map(t -> {
            Map<String, Object> row = t.getT1();
            long conversations = number(row, "conversations");
            long replies = number(row, "replies");
            long escalations = number(row, "escalations");
            long ratings = number(row, "ratings");
            Map<String, Object> overview = new LinkedHashMap<>();
            overview.put("from", range.from());
            overview.put("to", range.to());
            overview.put("conversations", conversations);
            overview.put("messages", number(row, "messages"));
            overview.put("activeUsers", number(row, "active_users"));
            overview.put("replies", replies);
            overview.put("responseTimeMs", Map.of("avg", orZero(row.get("avg_response_ms")), "p50",
                    orZero(row.get("p50_response_ms")), "p95", orZero(row.get("p95_response_ms"))));
            overview.put("kbAnswerRate", ratio(number(row, "kb_answers"), replies));
            overview.put("llmFallbackRate", ratio(number(row, "llm_fallbacks"), replies));
            overview.put("escalationRate", ratio(escalations, conversations));
            overview.put("containmentRate", conversations == 0 ? 0.0 : 1.0 - ratio(escalations, conversations));
            overview.put("csat", ratings == 0 ? null : ratio(number(row, "satisfied"), ratings));
            overview.put("ratings", ratings);
            overview.put("topIntents", t.getT2());
            return overview;
        });
    }

    Mono<List<Map<String, Object>>> metrics(TimeRange range) {
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
                from m full join r on r.bucket = m.bucket order by bucket""".formatted(range.interval()), range);
    }

    Mono<Map<String, Object>> intents(TimeRange range) {
        Mono<List<Map<String, Object>>> distribution = all("""
                select agent, intent, count(*) as count,
                       (count(*)::float8 / sum(count(*)) over ()) as share,
                       avg(confidence)::float8 as avg_confidence,
                       avg(case when confidence < %1$s or intent = 'unknown' then 1.0 else 0.0 end)::float8
                           as low_confidence_share,
                       avg(frustration)::float8 as avg_frustration
                from classifications where occurred_at >= :from and occurred_at < :to
                group by agent, intent order by count desc, intent""".formatted(lowConfidence), range);
        Mono<List<Map<String, Object>>> trend = all("""
                select date_trunc('%1$s', occurred_at) as bucket, agent, intent, count(*) as count
                from classifications where occurred_at >= :from and occurred_at < :to
                group by 1, agent, intent order by bucket, count desc, intent""".formatted(range.interval()), range);
        Mono<Map<String, Object>> lowConfidenceShare = one("""
                select coalesce(avg(case when confidence < %1$s or intent = 'unknown' then 1.0 else 0.0 end), 0)::float8
                           as low_confidence_share
                from classifications where occurred_at >= :from and occurred_at < :to""".formatted(lowConfidence),
                range);
        return Mono.zip(distribution, trend, lowConfidenceShare).map(t -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("from", range.from());
            report.put("to", range.to());
            report.put("interval", range.interval());
            report.put("lowConfidenceShare", t.getT3().get("low_confidence_share"));
            report.put("distribution", t.getT1());
            report.put("trend", t.getT2());
            return report;
        });
    }

    Mono<Map<String, Object>> satisfaction(TimeRange range) {
        Mono<List<Map<String, Object>>> overTime = all("""
                select date_trunc('%1$s', occurred_at) as bucket, count(*) as ratings,
                       avg(rating)::float8 as avg_rating,
                       avg(case when rating >= 4 then 1.0 else 0.0 end)::float8 as csat
                from feedback where kind = 'conversation' and occurred_at >= :from and occurred_at < :to
                group by 1 order by 1""".formatted(range.interval()), range);
        Mono<List<Map<String, Object>>> byAgent = breakdown("agent", range);
        Mono<List<Map<String, Object>>> byIntent = breakdown("intent", range);
        return Mono.zip(overTime, byAgent, byIntent).map(t -> {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("from", range.from());
            report.put("to", range.to());
            report.put("interval", range.interval());
            report.put("overTime", t.getT1());
            report.put("byAgent", t.getT2());
            report.put("byIntent", t.getT3());
            report.put("worstIntents", t.getT3().stream()
                    .filter(r -> r.get("avg_rating") != null || number(r, "thumbs_down") > 0)
                    .sorted(java.util.Comparator
                            .comparingDouble((Map<String, Object> r) -> orZero(r.get("avg_rating")) == 0 ? 6.0
                                    : orZero(r.get("avg_rating")))
                            .thenComparing(r -> -number(r, "thumbs_down")))
                    .limit(5).toList());
            return report;
        });
    }

    /** {@code column} is agent or intent, never user input. */
    private Mono<List<Map<String, Object>>> breakdown(String column, TimeRange range) {
        return all("""
                select %1$s as key, count(*) filter (where kind = 'conversation') as ratings,
                       avg(rating)::float8 as avg_rating,
                       avg(case when rating >= 4 then 1.0 when rating is not null then 0.0 end)::float8 as csat,
                       count(*) filter (where helpful) as thumbs_up,
                       count(*) filter (where helpful = false) as thumbs_down
                from feedback where %1$s is not null and occurred_at >= :from and occurred_at < :to
                group by %1$s order by %1$s""".formatted(column), range);
    }

    private Mono<Map<String, Object>> one(String sql, TimeRange range) {
        return db.sql(sql).bind("from", range.from()).bind("to", range.to()).fetch().one();
    }

    private Mono<List<Map<String, Object>>> all(String sql, TimeRange range) {
        return db.sql(sql).bind("from", range.from()).bind("to", range.to()).fetch().all().collectList();
    }

    private static long number(Map<String, Object> row, String column) {
        return row.get(column) instanceof Number n ? n.longValue() : 0;
    }

    private static double orZero(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0.0;
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? 0.0 : (double) part / whole;
    }
}
