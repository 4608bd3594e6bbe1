package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.FlowTurns.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.events.Route;
import dev.switchboard.events.Suggestion;
import dev.switchboard.platform.test.TestIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The phone-troubleshooting flow answering the turns intent-service routes to it: one question a turn with its
 * options, the account's part through the tools (a quote, the customer's confirmation, the write, audited once), its
 * state in the database, and a redelivered turn answered again without acting twice.
 */
@AccountServiceTest
class FlowIT extends FlowTestBase {

    static final TestIdentity TOKENS = TestIdentity.of("account-service");

    FlowIT() {
        // as intent-service routed turns before IntentClassified.flow existed: no flow named, phone troubleshooting
        super(null, "mobile_service", Agent.tech_support);
    }

    @Test
    void aCustomerAbroadIsGuidedToRoamingOnTheLineAndItIsTurnedOnOnceAfterTheyConfirm() {
        // Given alice (C1001) whose line 555-123-2001 (L1001) does not allow roaming, in a flow conversation
        String conversation = "flow-" + UUID.randomUUID();
        ChatReplied first = turns.turn(conversation, "alice", "my mobile data does not work", null);
        assertThat(first.getSource()).isEqualTo(ReplySource.flow);
        assertThat(first.getFlow()).isEqualTo(Troubleshooting.NAME);
        assertThat(first.getSuggestions()).extracting(Suggestion::getLabel)
                .containsExactly("555-123-2001", "555-123-2002", "555-123-2003");

        // When she answers each question, by click or in words
        assertThat(ids(turns.turn(conversation, "alice", "555-123-2001", null)))
                .containsExactly("no_service", "mobile_data", "mms");
        assertThat(ids(turns.turn(conversation, "alice", "Mobile data", "mobile_data"))).contains("speed:none");
        assertThat(ids(turns.turn(conversation, "alice", "no connection", null))).contains("signal:yes");
        assertThat(ids(turns.turn(conversation, "alice", "Yes", "signal:yes"))).contains("abroad:yes");
        assertThat(ids(turns.turn(conversation, "alice", "Yes", "abroad:yes"))).contains("roaming:on");
        ChatReplied quote = turns.turn(conversation, "alice", "it is on", "roaming:on");

        // Then the flow finds roaming off on the line and quotes turning it on, at no cost, for her confirmation
        assertThat(quote.getContent()).contains("Data roaming is not enabled on your line").contains("at no cost");
        assertThat(ids(quote)).containsExactly("confirm", "decline");
        assertThat(roaming("L1001")).isFalse();

        // When she confirms, and the same turn is delivered again
        String confirmId = UUID.randomUUID().toString();
        ChatReplied applied = turns.turn(conversation, "alice", confirmId, "yes", "confirm");
        ChatReplied again = turns.turn(conversation, "alice", confirmId, "yes", "confirm");

        // Then roaming is on, applied and audited once, and both deliveries got the same reply: the speed test again
        assertThat(roaming("L1001")).isTrue();
        assertThat(applied.getActionId()).isNotNull();
        assertThat(again.getReplyId()).isEqualTo(applied.getReplyId());
        assertThat(ids(applied)).contains("speed:excellent");
        assertThat(db.sql("select count(*) from account_actions where action = 'enable_roaming' "
                        + "and target = 'L1001' and outcome = 'applied'")
                .map(row -> row.get(0, Long.class)).one().block()).isEqualTo(1);

        // When the speed test is excellent, Then the flow ends
        ChatReplied last = turns.turn(conversation, "alice", "excellent", "speed:excellent");
        assertThat(last.getFlow()).isNull();
        assertThat(last.getSuggestions()).isEmpty();
    }

    @Test
    void aCustomerWhoLeavesTheFlowStartsItAfreshAndOneWithoutAnAccountIsPassedToAPerson() {
        // Given bob in the flow, at the question about his problem
        String conversation = "flow-" + UUID.randomUUID();
        turns.turn(conversation, "bob", "no signal", null);
        ChatReplied problem = turns.turn(conversation, "bob", "x", firstLine(conversation));
        assertThat(ids(problem)).contains("no_service");
        assertThat(db.sql("select state from flow_conversations where conversation_id = :c").bind("c", conversation)
                .map(row -> row.get(0, String.class)).one().block()).contains("\"step\":\"problem\"");

        // When he asks something routed elsewhere, then comes back to the flow
        turns.send(conversation, "bob", UUID.randomUUID().toString(), "how do I pay my bill", null, Route.knowledge);
        ChatReplied back = turns.turn(conversation, "bob", "my phone has no service", null);

        // Then the flow starts again with the line question
        assertThat(back.getContent()).contains("Which of your lines");

        // And a sign-in linked to no customer is passed to a person at once, the transfer audited
        ChatReplied stranger = turns.turn("flow-" + UUID.randomUUID(), "mallory", "no signal", null);
        assertThat(stranger.getFlow()).isNull();
        assertThat(stranger.getContent()).contains("passing you to a person");
        assertThat(stranger.getActionId()).isNotNull();
    }

    @Test
    void aFlowIdleForLongerThanTheFlowTimeOutStartsAfresh() {
        // Given bob in the flow, at the question about his problem, then idle for longer than the time-out (30 min),
        // after which intent-service no longer tells this service when he leaves it
        String conversation = "flow-" + UUID.randomUUID();
        turns.turn(conversation, "bob", "no signal", null);
        assertThat(ids(turns.turn(conversation, "bob", "x", firstLine(conversation)))).contains("no_service");
        assertThat(db.sql("update flow_conversations set updated_at = updated_at - interval '31 minutes' "
                + "where conversation_id = :c").bind("c", conversation).fetch().rowsUpdated().block()).isEqualTo(1);

        // When he comes back to the flow
        ChatReplied back = turns.turn(conversation, "bob", "my phone has no service", null);

        // Then it starts again with the line question
        assertThat(back.getContent()).contains("Which of your lines");
    }

    @Test
    void turnsRoutedElsewhereTogetherEndEveryFlowTheyLeftAndAFlowTurnAmongThemStartsAfresh() {
        // Given alice in the flow in four conversations, each at the question about her problem
        List<String> conversations = Stream.generate(() -> "flow-" + UUID.randomUUID()).limit(4).toList();
        for (String conversation : conversations) {
            turns.turn(conversation, "alice", "no signal", null);
            assertThat(ids(turns.turn(conversation, "alice", "555-123-2001", null))).contains("no_service");
        }

        // When, at once, each conversation gets a turn routed elsewhere, the first one a flow turn after it and the
        // last one a flow turn before it
        String first = conversations.get(0);
        String last = conversations.get(3);
        String backId = UUID.randomUUID().toString();
        String beforeId = UUID.randomUUID().toString();
        List<IntentClassified> burst = new ArrayList<>();
        burst.add(turns.classified(last, "alice", beforeId, "no service", "no_service", Route.flow));
        conversations.forEach(conversation -> burst.add(turns.classified(conversation, "alice",
                UUID.randomUUID().toString(), "how do I pay my bill", null, Route.knowledge)));
        burst.add(turns.classified(first, "alice", backId, "my phone has no service", null, Route.flow));
        turns.sendTogether(burst);

        // Then the first conversation's flow started again with the line question, the last one answered its turn
        // before it left, and every flow ended but the restarted one
        await().atMost(Duration.ofSeconds(30)).until(() -> turns.conversation(first).stream()
                .anyMatch(reply -> reply.getMessageId().equals(backId)));
        assertThat(turns.conversation(first).stream().filter(reply -> reply.getMessageId().equals(backId)))
                .singleElement().satisfies(reply -> assertThat(reply.getContent()).contains("Which of your lines"));
        assertThat(turns.conversation(last).stream().filter(reply -> reply.getMessageId().equals(beforeId)))
                .singleElement().satisfies(reply -> assertThat(ids(reply)).contains("signal:yes"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(db.sql(
                        "select conversation_id from flow_conversations where conversation_id = any(:c) and ended")
                .bind("c", conversations.toArray(String[]::new)).map(row -> row.get(0, String.class)).all()
                .collectList().block()).containsExactlyInAnyOrderElementsOf(conversations.subList(1, 4)));
    }

    @Test
    void aLineSuspendedForAnOverdueBillIsResumedAfterTheCustomerPaysIt() {
        // Given tau2's set-up: alice's L1002 suspended for a new overdue bill (the development set-up, as an admin)
        web.post().uri("/api/v1/account/admin/scenarios/overdue-suspension").headers(TOKENS.user("root", "admin"))
                .bodyValue(Map.of("customerId", "C1001", "lineId", "L1002", "billId", "B1234321",
                        "contractEnded", false))
                .exchange().expectStatus().isOk();

        // When she has no signal and her phone's settings are fine
        String conversation = "flow-" + UUID.randomUUID();
        turns.turn(conversation, "alice", "no service", null);
        turns.turn(conversation, "alice", "555-123-2002", "L1002");
        turns.turn(conversation, "alice", "no service", "no_service");
        turns.turn(conversation, "alice", "no", "signal:no");
        turns.turn(conversation, "alice", "off", "airplane_mode:off");
        assertThat(ids(turns.turn(conversation, "alice", "active", "sim:active"))).contains("do:reset_apn_settings");
        turns.turn(conversation, "alice", "done", "do:reset_apn_settings");
        turns.turn(conversation, "alice", "done", "do:reboot_device");
        ChatReplied suspended = turns.turn(conversation, "alice", "no", "signal:no");

        // Then the flow finds the suspension and its overdue bill, and offers a payment request
        assertThat(suspended.getContent()).contains("suspended").contains("B1234321").contains("overdue");
        ChatReplied requested = turns.turn(conversation, "alice", "yes", "confirm");
        assertThat(ids(requested)).containsExactly("paid", "decline");
        assertThat(requested.getActionId()).isNotNull();

        // When she pays it (her own payment, confirmed) and says so
        String payment = "/api/v1/account/customers/C1001/bills/B1234321/payment";
        String confirmation = web.post().uri(payment).headers(TOKENS.user("alice"))
                .bodyValue(Map.of("requestId", "flow-pay-1", "paymentMethod", "1235")).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody()
                .path("quote").path("confirmation").asString();
        web.post().uri(payment).headers(TOKENS.user("alice")).bodyValue(Map.of("requestId", "flow-pay-2",
                "paymentMethod", "1235", "confirmation", confirmation)).exchange().expectStatus().isOk();
        ChatReplied resume = turns.turn(conversation, "alice", "I have paid it", "paid");

        // Then the flow quotes the resumption, resumes the line once she confirms, and asks for a restart
        assertThat(resume.getContent()).contains("Resume 555-123-2002");
        ChatReplied resumed = turns.turn(conversation, "alice", "yes", "confirm");
        assertThat(ids(resumed)).contains("do:reboot_device");
        assertThat(db.sql("select status from lines where line_id = 'L1002'").map(row -> row.get(0, String.class))
                .one().block()).isEqualTo("Active");
        assertThat(ids(turns.turn(conversation, "alice", "done", "do:reboot_device"))).contains("signal:yes");
    }

    @Test
    void dataUsedUpIsRefuelledOnlyAfterTheCustomerConfirmsThePrice() {
        // Given tau2's set-up: alice's L1002 has used 15.1 of its 15 GB
        web.post().uri("/api/v1/account/admin/scenarios/data-usage").headers(TOKENS.user("root", "admin"))
                .bodyValue(Map.of("lineId", "L1002", "dataUsedGb", 15.1)).exchange().expectStatus().isOk();

        // When her mobile data does not work and her phone's settings are fine
        String conversation = "flow-" + UUID.randomUUID();
        turns.turn(conversation, "alice", "my mobile data does not work", null);
        turns.turn(conversation, "alice", "555-123-2002", "L1002");
        turns.turn(conversation, "alice", "mobile data", "mobile_data");
        turns.turn(conversation, "alice", "no connection", "speed:none");
        turns.turn(conversation, "alice", "yes", "signal:yes");
        turns.turn(conversation, "alice", "no", "abroad:no");
        ChatReplied offer = turns.turn(conversation, "alice", "on", "mobile_data:on");

        // Then she is offered data at the plan's price, and the amount she picks is quoted for her to confirm
        assertThat(offer.getContent()).contains("15.1 GB of your 15 GB").contains("2.00 USD per GB");
        assertThat(ids(offer)).containsExactly("refuel:1", "refuel:2", "decline");
        ChatReplied quote = turns.turn(conversation, "alice", "2 GB", "refuel:2");
        assertThat(quote.getContent()).contains("Refuel 2 GB of data on 555-123-2002").contains("4.00 USD");
        assertThat(refuelled("L1002")).isEqualByComparingTo("0");

        // When she confirms, Then the 2 GB are added, and the speed test is asked again
        ChatReplied done = turns.turn(conversation, "alice", "yes", "confirm");
        assertThat(refuelled("L1002")).isEqualByComparingTo("2");
        assertThat(ids(done)).contains("speed:excellent");
    }

    private String firstLine(String conversation) {
        return turns.conversation(conversation).get(0).getSuggestions().get(0).getId();
    }
}
