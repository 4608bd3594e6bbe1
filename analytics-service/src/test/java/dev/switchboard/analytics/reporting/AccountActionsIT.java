package dev.switchboard.analytics.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.analytics.AnalyticsServiceTest;
import dev.switchboard.analytics.reporting.ActionReport.ActionCount;
import dev.switchboard.events.AccountActionRecorded;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** account-service's actions through real Kafka into real PostgreSQL: counted by type and outcome, once each. */
@AnalyticsServiceTest
class AccountActionsIT {

    static final TestIdentity TOKENS = TestIdentity.of("analytics-service");
    /** A day of its own, so the other tests' events are not in the range. */
    static final String DAY = "from=2026-10-01T00:00:00Z&to=2026-10-02T00:00:00Z";

    @Autowired
    WebTestClient web;

    @Autowired
    EventPublisher publisher;

    @Autowired
    MeterRegistry meters;

    @Test
    void eachActionIsCountedOnceByTypeAndOutcomeEvenWhenPublishedTwice() {
        // Given four actions of one day, of which the outbox published the applied refuel twice (as after a broker
        // timeout), and one of the day after
        double appliedBefore = count("refuel_data", "applied");
        AccountActionRecorded applied = action("a-1", "10:00:00", "refuel_data", "applied", "refuel-at-most-2-gb");
        List<AccountActionRecorded> published = List.of(
                action("a-0", "09:59:00", "refuel_data", "confirmation_required", "confirmation-required"),
                applied,
                action("a-2", "10:05:00", "refuel_data", "refused", "refuel-at-most-2-gb"),
                action("a-3", "11:00:00", "get_customer_by_phone", "allowed", "identity-verified"),
                applied,
                action("a-4", "2026-10-02T08:00:00Z", "suspend_line", "applied", "suspend-for-overdue-bill-or-contract-end"));

        // When they are consumed
        published.forEach(event -> publisher.await(publisher.publish(Topics.ACCOUNT_ACTIONS, "C1001", event)));

        // Then, once the last of them is counted (one customer: one partition, in order, so every event before it
        // has been recorded too), the day's report counts each action once, by type and outcome
        await().atMost(Duration.ofSeconds(60)).until(() -> count("suspend_line", "applied") >= 1);
        ActionReport day = report();
        assertThat(day.actions()).containsExactly(
                new ActionCount("get_customer_by_phone", "allowed", 1),
                new ActionCount("refuel_data", "applied", 1),
                new ActionCount("refuel_data", "confirmation_required", 1),
                new ActionCount("refuel_data", "refused", 1));
        assertThat(day.total()).isEqualTo(4);
        // and so does the meter the dashboard shows: the duplicate was not counted a second time
        assertThat(count("refuel_data", "applied") - appliedBefore).isEqualTo(1);
    }

    private ActionReport report() {
        return web.get().uri("/api/v1/analytics/actions?" + DAY).headers(TOKENS.user("ops", "agent")).exchange()
                .expectStatus().isOk().expectBody(ActionReport.class).returnResult().getResponseBody();
    }

    private double count(String action, String outcome) {
        Counter counter = meters.find("analytics.account.actions").tag("action", action).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static AccountActionRecorded action(String id, String time, String action, String outcome, String rule) {
        return AccountActionRecorded.newBuilder().setEventId("AccountActionsIT-" + id)
                .setOccurredAt(Instant.parse(time.contains("T") ? time : "2026-10-01T" + time + "Z"))
                .setActor("grace").setActorRole("agent").setCustomerId("C1001").setAction(action).setTarget("L1001")
                .setOutcome(outcome).setRule(rule).setDetail(null).setRequestId(null).setPrice(null).build();
    }
}
