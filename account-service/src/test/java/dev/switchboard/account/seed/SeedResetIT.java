package dev.switchboard.account.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.AccountActionRecorded;
import dev.switchboard.platform.test.TestIdentity;
import dev.switchboard.platform.test.TopicRecorder;
import dev.switchboard.schemas.Topics;
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

/** The development reset (on in these tests, as in the local stack): a write, then a reset, is the seed again. */
@AccountServiceTest
class SeedResetIT {

    static final TestIdentity TOKENS = TestIdentity.of("account-service");
    static final String RESET = "/api/v1/account/admin/reset";
    static final String ROAMING = "/api/v1/account/customers/C1001/lines/L1002/roaming";
    /** What the seed fills, read back without what a load makes anew (appointment ids, when they were booked). */
    static final List<String> STATE = List.of(
            "select row_to_json(c)::text as r from customers c order by customer_id",
            "select row_to_json(l)::text as r from lines l order by line_id",
            "select row_to_json(b)::text as r from bills b order by bill_id",
            "select row_to_json(i)::text as r from bill_line_items i order by bill_id, position",
            "select row_to_json(p)::text as r from payment_requests p order by id",
            "select row_to_json(m)::text as r from payment_methods m order by id",
            "select row_to_json(s)::text as r from customer_subjects s order by subject",
            "select row_to_json(o)::text as r from area_outages o order by id",
            "select concat_ws('|', customer_id, starts_at, reason, status, booked_by) as r"
                    + " from technician_appointments order by customer_id, starts_at",
            "select count(*)::text as r from verifications",
            "select count(*)::text as r from confirmations",
            "select count(*)::text as r from applied_requests");

    @Autowired
    WebTestClient web;

    @Autowired
    DatabaseClient db;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void aWriteFollowedByAResetGivesTheSeedBackAndTheResetIsAudited() {
        try (TopicRecorder events = new TopicRecorder(brokers, Topics.ACCOUNT_ACTIONS.name())) {
            // Given the seed, restored, as it reads
            reset("root");
            List<String> seed = state();

            // And alice has turned roaming off on her line L1002 (quoted, then confirmed: applied)
            String confirmation = roaming(Map.of("requestId", "reset-1", "enabled", false))
                    .path("quote").path("confirmation").asString();
            Map<String, Object> confirmed = Map.of("requestId", "reset-2", "enabled", false,
                    "confirmation", confirmation);
            assertThat(roaming(confirmed).path("outcome").asString()).isEqualTo("applied");
            assertThat(state()).isNotEqualTo(seed);

            // When an admin resets
            JsonNode restored = reset("root");

            // Then the account data is the seed again, and nothing decided about the old state is left
            assertThat(state()).isEqualTo(seed);
            assertThat(restored.path("customers").asInt()).isEqualTo(SeedData.tau2().customers().size());
            // (the applied request was forgotten with the state it changed: sent again it is not replayed, and its
            // confirmation is gone)
            web.post().uri(ROAMING).headers(TOKENS.user("alice")).bodyValue(confirmed).exchange()
                    .expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.rule").isEqualTo("confirmation-required");

            // And the reset is one audit row, applied under its rule, and one event on account.actions
            String actionId = restored.path("actionId").asString();
            assertThat(db.sql("select actor, action, outcome, rule from account_actions where id = :id::uuid")
                    .bind("id", actionId)
                    .map(row -> String.join(" ", row.get("actor", String.class), row.get("action", String.class),
                            row.get("outcome", String.class), row.get("rule", String.class)))
                    .one().block()).isEqualTo("root reset_seed applied seed-reset-by-admin");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(events.values(
                            AccountActionRecorded.class, e -> actionId.equals(e.getEventId())))
                    .singleElement().satisfies(e -> {
                        assertThat(e.getAction()).isEqualTo(SeedReset.ACTION);
                        assertThat(e.getOutcome()).isEqualTo("applied");
                    }));
        }
    }

    @Test
    void onlyAnAdminResetsAndARefusalIsAuditedToo() {
        // When a customer and an agent ask for a reset
        for (Consumer<HttpHeaders> caller : List.of(TOKENS.user("alice"), TOKENS.user("carol", "agent"))) {
            String actionId = web.post().uri(RESET).headers(caller).exchange()
                    .expectStatus().isForbidden()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().path("actionId").asString();

            // Then it is refused by its rule, and the refusal is audited
            assertThat(db.sql("select outcome, rule from account_actions where id = :id::uuid").bind("id", actionId)
                    .map(row -> row.get("outcome", String.class) + " " + row.get("rule", String.class)).one()
                    .block()).isEqualTo("refused seed-reset-by-admin");
        }
    }

    private JsonNode reset(String admin) {
        return web.post().uri(RESET).headers(TOKENS.user(admin, "admin")).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode roaming(Map<String, ?> body) {
        return web.post().uri(ROAMING).headers(TOKENS.user("alice")).bodyValue(body).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private List<String> state() {
        return STATE.stream().flatMap(query -> db.sql(query).map(row -> row.get("r", String.class)).all()
                .collectList().block().stream()).toList();
    }
}
