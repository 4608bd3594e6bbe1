package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What analytics-service reports, checked against what the stores hold (read straight from their databases). */
final class Tallies {

    private Tallies() {
    }

    /**
     * The overview, the intents and the satisfaction reports count what the conversation store and the feedback store
     * hold, once the events are in (within a minute): every message, reply, conversation and rating once, whatever
     * redeliveries and restarts happened on the way.
     */
    @SuppressWarnings("unchecked")
    static void assertAnalyticsCountWhatTheStoresHold(Api api, int atLeastRatings) {
        String staff = api.token("agent");
        String allTime = "?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";

        // a poll a second: three API calls each stay within the staff user's default rate limit for the minute
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Object> store = Stores.row("chat", """
                    select count(distinct c.id) filter (where m.role = 'user') as conversations,
                           count(*) filter (where m.role = 'user') as messages,
                           count(*) filter (where m.role = 'assistant') as replies,
                           count(distinct c.user_id) filter (where m.role = 'user') as active_users,
                           count(*) filter (where m.role = 'assistant' and m.source = 'knowledge_base') as kb_answers,
                           count(distinct c.id) filter (where c.status = 'escalated') as escalated
                    from conversations c join messages m on m.conversation_id = c.id""");
            Map<String, Object> feedback = Stores.row("feedback", """
                    select count(*) as ratings, count(*) filter (where rating >= 4) as satisfied,
                           avg(rating)::float8 as average from conversation_feedback""");
            Map<String, Object> overview = api.get("/api/v1/analytics/overview" + allTime, staff).body();

            long conversations = ((Number) store.get("conversations")).longValue();
            long replies = ((Number) store.get("replies")).longValue();
            assertThat(number(overview, "conversations")).isEqualTo(conversations);
            assertThat(number(overview, "messages")).isEqualTo(((Number) store.get("messages")).longValue());
            assertThat(number(overview, "replies")).isEqualTo(replies);
            assertThat(number(overview, "activeUsers")).isEqualTo(((Number) store.get("active_users")).longValue());
            assertThat((Double) overview.get("kbAnswerRate"))
                    .isCloseTo(((Number) store.get("kb_answers")).doubleValue() / replies, within(1e-9));
            assertThat((Double) overview.get("escalationRate"))
                    .isCloseTo(((Number) store.get("escalated")).doubleValue() / conversations, within(1e-9));
            assertThat(number(overview, "ratings")).isEqualTo(((Number) feedback.get("ratings")).longValue())
                    .isGreaterThanOrEqualTo(atLeastRatings);

            // And every user message was classified once, as the intents report shows
            List<Map<String, Object>> distribution = (List<Map<String, Object>>) api
                    .get("/api/v1/analytics/intents" + allTime, staff).body().get("distribution");
            assertThat(distribution.stream().mapToLong(r -> number(r, "count")).sum())
                    .isEqualTo(((Number) store.get("messages")).longValue());

            // And, once customers rated, the satisfaction figures are theirs (no rating: no satisfaction to report)
            if (number(overview, "ratings") == 0) {
                assertThat(overview.get("csat")).isNull();
                return;
            }
            assertThat((Double) overview.get("csat")).isCloseTo(
                    ((Number) feedback.get("satisfied")).doubleValue() / number(overview, "ratings"), within(1e-9));
            // And the satisfaction report has the ratings and their average
            Map<String, Object> satisfaction = api.get("/api/v1/analytics/satisfaction" + allTime
                    + "&interval=day", staff).body();
            List<Map<String, Object>> overTime = (List<Map<String, Object>>) satisfaction.get("overTime");
            assertThat(overTime.stream().mapToLong(r -> number(r, "ratings")).sum())
                    .isEqualTo(number(overview, "ratings"));
            double ratingSum = overTime.stream()
                    .mapToDouble(r -> ((Number) r.get("avg_rating")).doubleValue() * number(r, "ratings")).sum();
            assertThat(ratingSum / number(overview, "ratings"))
                    .isCloseTo(((Number) feedback.get("average")).doubleValue(), within(1e-9));
        });
    }

    private static long number(Map<String, Object> map, String key) {
        return ((Number) map.get(key)).longValue();
    }
}
