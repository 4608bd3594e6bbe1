package dev.switchboard.analytics.reporting;

import dev.switchboard.analytics.reporting.QuestionGroups.Question;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The knowledge-gap report: the range's most recent unanswered questions (at most {@code max-questions}, so memory is
 * bounded whatever the range), grouped by the similarity of the embeddings their replies carried.
 */
@Service
class KnowledgeGaps {

    static final int MAX_LIMIT = 100;

    private final DatabaseClient db;
    private final KnowledgeGapProperties properties;

    KnowledgeGaps(DatabaseClient db, KnowledgeGapProperties properties) {
        this.db = db;
        this.properties = properties;
    }

    Mono<KnowledgeGapReport> report(TimeRange range, int limit) {
        Mono<Long> unanswered = db.sql("""
                select count(*) as count from unanswered_questions where occurred_at >= :from and occurred_at < :to""")
                .bind("from", range.from()).bind("to", range.to()).map(row -> row.get("count", Long.class)).one();
        Mono<List<Question>> recent = db.sql("""
                select question, embedding, occurred_at from unanswered_questions
                where occurred_at >= :from and occurred_at < :to order by occurred_at desc, message_id limit :max""")
                .bind("from", range.from()).bind("to", range.to()).bind("max", properties.maxQuestions())
                .map(row -> new Question(row.get("question", String.class),
                        QuestionEmbeddings.decode(row.get("embedding", ByteBuffer.class)),
                        row.get("occurred_at", OffsetDateTime.class).toInstant()))
                .all().collectList();
        return Mono.zip(unanswered, recent).publishOn(Schedulers.boundedElastic()).map(t -> {
            List<Question> oldestFirst = new ArrayList<>(t.getT2());
            Collections.reverse(oldestFirst);
            return new KnowledgeGapReport(range.from(), range.to(), t.getT1(), oldestFirst.size(),
                    QuestionGroups.of(oldestFirst, properties.similarity(), limit));
        });
    }
}
