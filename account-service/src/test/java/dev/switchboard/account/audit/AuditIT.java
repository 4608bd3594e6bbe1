package dev.switchboard.account.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.AccountActionRecorded;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Every action, allowed or refused, is one audit row and one event on account.actions, with the same rule. */
@AccountServiceTest
class AuditIT {

    static final TestIdentity TOKENS = TestIdentity.of("account-service");
    static final String ACCOUNT = "/api/v1/account";
    static final String AGENT = "grace";

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    /** An audit row or an event, as both say it. */
    record Action(String id, String action, String outcome, String rule, String customerId) {
    }

    @Test
    void theAuditAndTheEventsMatchOneForOne() {
        double appliedResumptionsBefore = published("resume_line", "applied");
        try (TopicRecorder events = new TopicRecorder(brokers, Topics.ACCOUNT_ACTIONS.name())) {
            // Given an agent who looks a customer up (once wrongly), reads his account, resumes his suspended line
            // (a quote, then confirmed, then the same request again), and tries what the policy refuses
            web.post().uri(ACCOUNT + "/lookups").headers(agent()).bodyValue(Map.of("fullName", "John Smith"))
                    .exchange().expectStatus().isEqualTo(422);
            String verification = web.post().uri(ACCOUNT + "/lookups").headers(agent())
                    .bodyValue(Map.of("phoneNumber", "555-123-2003")).exchange().expectStatus().isOk()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().path("verificationId").asString();
            Consumer<HttpHeaders> verified = agent().andThen(h -> h.set("Account-Verification", verification));
            web.get().uri(ACCOUNT + "/customers/C1001").headers(verified).exchange().expectStatus().isOk();
            String resume = ACCOUNT + "/customers/C1001/lines/L1003/resumption";
            String confirmation = web.post().uri(resume).headers(verified).bodyValue(Map.of("requestId", "audit-1"))
                    .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .path("quote").path("confirmation").asString();
            Map<String, String> confirmed = Map.of("requestId", "audit-2", "confirmation", confirmation);
            web.post().uri(resume).headers(verified).bodyValue(confirmed).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.outcome").isEqualTo("applied");
            web.post().uri(resume).headers(verified).bodyValue(confirmed).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.replayed").isEqualTo(true);
            web.post().uri(ACCOUNT + "/customers/C1001/lines/L1003/refuel").headers(verified)
                    .bodyValue(Map.of("requestId", "audit-3", "gbAmount", 2.5)).exchange()
                    .expectStatus().isEqualTo(422);
            web.get().uri(ACCOUNT + "/customers/C1002").headers(verified).exchange().expectStatus().isForbidden();

            // When the audit rows are read and the events have arrived
            List<Action> rows = db.sql("""
                            select id, action, outcome, rule, customer_id from account_actions where actor = :a
                            order by at""")
                    .bind("a", AGENT)
                    .map(row -> new Action(row.get("id").toString(), row.get("action", String.class),
                            row.get("outcome", String.class), row.get("rule", String.class),
                            row.get("customer_id", String.class)))
                    .all().collectList().block();

            // Then each decision is one row, the replayed request none, with the rule that made it
            assertThat(rows).extracting(Action::action, Action::outcome, Action::rule).containsExactly(
                    tuple("get_customer_by_name", "refused",
                            "name-lookup-needs-date-of-birth"),
                    tuple("get_customer_by_phone", "allowed", "identity-verified"),
                    tuple("get_customer_by_id", "allowed", "identity-verified"),
                    tuple("resume_line", "confirmation_required",
                            "confirmation-required"),
                    tuple("resume_line", "applied", "resume-after-overdue-bills-paid"),
                    tuple("refuel_data", "refused", "refuel-at-most-2-gb"),
                    tuple("get_customer_by_id", "refused", "identity-verified"));
            // and each row is exactly one event, saying the same
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.values(
                            AccountActionRecorded.class, e -> AGENT.equals(e.getActor())).stream()
                    .map(e -> new Action(e.getEventId(), e.getAction(), e.getOutcome(), e.getRule(),
                            e.getCustomerId()))
                    .toList()).containsExactlyInAnyOrderElementsOf(rows));
            // and the outbox is empty once they were published
            await().atMost(Duration.ofSeconds(10)).until(() -> db.sql("select count(*) as n from outbox")
                    .map(row -> row.get("n", Long.class)).one().block() == 0L);
            // and the service's own metric counted the one resumption applied
            assertThat(published("resume_line", "applied")).isEqualTo(appliedResumptionsBefore + 1);
        }
    }

    private double published(String action, String outcome) {
        Counter counter = meters.find("account.actions.published").tag("action", action).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static Consumer<HttpHeaders> agent() {
        return TOKENS.user(AGENT, "agent");
    }
}
