package dev.switchboard.account.actions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.account.actions.AccountViews.AccountCustomer;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.AccountViews.LookupResult;
import dev.switchboard.platform.test.TestIdentity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The account API against the seeded database: who sees what, and writes that are confirmed and applied once. */
@AccountServiceTest
class AccountIT {

    static final TestIdentity TOKENS = TestIdentity.of("account-service");
    static final String ACCOUNT = "/api/v1/account";

    @Autowired
    WebTestClient web;

    @Test
    void theSeedIsLoadedAndEachDemoUserIsTheirCustomer() {
        // When alice and bob ask for their own account
        AccountCustomer alice = me("alice");
        AccountCustomer bob = me("bob");

        // Then they are the seeded customers of tau2-bench's db.toml they are mapped to, with their lines and bills
        assertThat(alice.customerId()).isEqualTo("C1001");
        assertThat(alice.fullName()).isEqualTo("John Smith");
        assertThat(alice.lineIds()).containsExactly("L1001", "L1002", "L1003");
        assertThat(alice.billIds()).containsExactly("B1001", "B1002", "B1003");
        assertThat(alice.paymentMethods()).hasSize(1);
        assertThat(bob.customerId()).isEqualTo("C1002");
        assertThat(bob.lineIds()).hasSize(5);

        // And an agent finds John Smith by one of his lines' numbers, and by name and date of birth
        assertThat(lookup("carol", Map.of("phoneNumber", "555-123-2001")).customer().customerId()).isEqualTo("C1001");
        LookupResult byName = lookup("carol", Map.of("fullName", "john smith", "dateOfBirth", "1985-06-15"));
        assertThat(byName.customer().customerId()).isEqualTo("C1001");
        assertThat(byName.method()).isEqualTo(AccountActions.BY_NAME);
        assertThat(byName.verificationId()).isNotBlank();
    }

    @Test
    void aCustomerSeesOnlyTheirOwnAccountAndStaffOnlyWhomTheyLookedUp() {
        // When alice asks for bob's account, or one of his lines
        // Then 403 naming the rule and the field, the same for a customer that does not exist
        web.get().uri(ACCOUNT + "/customers/C1002").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.rule").isEqualTo("own-account-only")
                .jsonPath("$.fields[0]").isEqualTo("customerId").jsonPath("$.actionId").isNotEmpty();
        web.get().uri(ACCOUNT + "/customers/C1002/lines/L1004").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isForbidden();
        web.get().uri(ACCOUNT + "/customers/C9999").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isForbidden();
        // and a line of another customer through her own account is not found
        web.get().uri(ACCOUNT + "/customers/C1001/lines/L1004").headers(TOKENS.user("alice")).exchange()
                .expectStatus().isNotFound();

        // When an agent asks for bob's account without a lookup, or with a lookup of another customer
        String ofJohn = lookup("dave", Map.of("customerId", "C1001")).verificationId();
        web.get().uri(ACCOUNT + "/customers/C1002").headers(TOKENS.user("dave", "agent")).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.rule").isEqualTo("identity-verified")
                .jsonPath("$.fields[0]").isEqualTo("Account-Verification");
        web.get().uri(ACCOUNT + "/customers/C1002").headers(staff("dave", ofJohn)).exchange()
                .expectStatus().isForbidden();
        // or with another agent's lookup of bob
        String erinsOfBob = lookup("erin", Map.of("phoneNumber", "555-123-1002")).verificationId();
        web.get().uri(ACCOUNT + "/customers/C1002").headers(staff("dave", erinsOfBob)).exchange()
                .expectStatus().isForbidden();

        // Then only with their own lookup of him
        String ofBob = lookup("dave", Map.of("phoneNumber", "555-123-1002")).verificationId();
        web.get().uri(ACCOUNT + "/customers/C1002").headers(staff("dave", ofBob)).exchange()
                .expectStatus().isOk().expectBody(AccountCustomer.class)
                .value(c -> assertThat(c.fullName()).isEqualTo("Sarah Johnson"));

        // And a lookup by name alone is refused by its rule
        web.post().uri(ACCOUNT + "/lookups").headers(TOKENS.user("dave", "agent"))
                .bodyValue(Map.of("fullName", "Sarah Johnson")).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("name-lookup-needs-date-of-birth")
                .jsonPath("$.fields[0]").isEqualTo("dateOfBirth");
    }

    @Test
    void aConfirmedRefuelIsAppliedOnceEvenWhenTheSameRequestIsSentTwice() {
        String refuel = ACCOUNT + "/customers/C1001/lines/L1001/refuel";
        // Given alice's Basic Plan line (5 USD per GB), not refuelled yet
        assertThat(line("alice", "C1001", "L1001").dataRefuelingGb()).isEqualByComparingTo(BigDecimal.ZERO);

        // When she asks for 3 GB, Then it is refused by the 2 GB rule
        web.post().uri(refuel).headers(TOKENS.user("alice"))
                .bodyValue(Map.of("requestId", "refuel-1", "gbAmount", 3)).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("refuel-at-most-2-gb")
                .jsonPath("$.fields[0]").isEqualTo("gbAmount");

        // When she asks for 2 GB without a confirmation, Then she gets a quote and nothing changes
        ActionResult quoted = post("alice", refuel, Map.of("requestId", "refuel-2", "gbAmount", 2));
        assertThat(quoted.outcome()).isEqualTo("confirmation_required");
        assertThat(quoted.rule()).isEqualTo("confirmation-required");
        assertThat(quoted.quote().price()).isEqualByComparingTo("10.00");
        assertThat(line("alice", "C1001", "L1001").dataRefuelingGb()).isEqualByComparingTo(BigDecimal.ZERO);

        // When she confirms it for another amount, Then it is refused
        web.post().uri(refuel).headers(TOKENS.user("alice")).bodyValue(Map.of("requestId", "refuel-3",
                        "gbAmount", 1, "confirmation", quoted.quote().confirmation())).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("confirmation-required");

        // When she confirms it, and her client sends that request again
        Map<String, Object> confirmed = Map.of("requestId", "refuel-4", "gbAmount", 2,
                "confirmation", quoted.quote().confirmation());
        ActionResult applied = post("alice", refuel, confirmed);
        ActionResult again = post("alice", refuel, confirmed);

        // Then it was applied once: the second answer is the first one, replayed
        assertThat(applied.outcome()).isEqualTo("applied");
        assertThat(applied.rule()).isEqualTo("refuel-at-most-2-gb");
        assertThat(again.replayed()).isTrue();
        assertThat(again.actionId()).isEqualTo(applied.actionId());
        assertThat(line("alice", "C1001", "L1001").dataRefuelingGb()).isEqualByComparingTo("2");

        // And a new request with the used confirmation is refused
        web.post().uri(refuel).headers(TOKENS.user("alice")).bodyValue(Map.of("requestId", "refuel-5",
                        "gbAmount", 2, "confirmation", quoted.quote().confirmation())).exchange()
                .expectStatus().isEqualTo(422);
        assertThat(line("alice", "C1001", "L1001").dataRefuelingGb()).isEqualByComparingTo("2");
    }

    @Test
    void theSameConfirmedRequestSentTwiceAtOnceIsAppliedOnce() {
        String refuel = ACCOUNT + "/customers/C1001/lines/L1002/refuel";
        // Given a quote for 1 GB on alice's Premium Plan line (2 USD per GB)
        ActionResult quoted = post("alice", refuel, Map.of("requestId", "twice-quote", "gbAmount", 1));
        assertThat(quoted.quote().price()).isEqualByComparingTo("2.00");
        Map<String, Object> confirmed = Map.of("requestId", "twice", "gbAmount", 1,
                "confirmation", quoted.quote().confirmation());

        // When the confirmed request is sent twice at the same time
        CompletableFuture<ActionResult> first = CompletableFuture.supplyAsync(() -> post("alice", refuel, confirmed));
        CompletableFuture<ActionResult> second = CompletableFuture.supplyAsync(() -> post("alice", refuel, confirmed));
        List<ActionResult> results = List.of(first.join(), second.join());

        // Then one applied it and the other got that result: one refuel
        assertThat(results).extracting(ActionResult::actionId).containsOnly(results.get(0).actionId());
        assertThat(results).extracting(ActionResult::replayed).containsExactlyInAnyOrder(false, true);
        assertThat(line("alice", "C1001", "L1002").dataRefuelingGb()).isEqualByComparingTo("1");
    }

    @Test
    void anOverdueBillIsPaidByTheCustomerAfterAPaymentRequest() {
        String bill = ACCOUNT + "/customers/C1002/bills/B1005";
        String ofBob = lookup("frank", Map.of("phoneNumber", "555-123-1002")).verificationId();

        // When bob tries to pay his overdue bill before he was sent a payment request, Then it is refused
        web.post().uri(bill + "/payment").headers(TOKENS.user("bob"))
                .bodyValue(Map.of("requestId", "pay-early", "paymentMethod", "1234")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("payment-by-the-customer");

        // When an agent sends him a payment request for it (a paid bill is refused)
        web.post().uri(ACCOUNT + "/customers/C1002/bills/B1004/payment-request").headers(staff("frank", ofBob))
                .bodyValue(Map.of("requestId", "request-paid")).exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("payment-request-for-overdue-bill-only");
        ActionResult requested = post(staff("frank", ofBob), bill + "/payment-request",
                Map.of("requestId", "request-b1005"));
        assertThat(requested.outcome()).isEqualTo("applied");

        // Then the agent cannot pay it for him
        web.post().uri(bill + "/payment").headers(staff("frank", ofBob))
                .bodyValue(Map.of("requestId", "pay-agent", "paymentMethod", "1234")).exchange()
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.rule").isEqualTo("payment-by-the-customer");

        // And bob pays it, once he confirmed its amount
        ActionResult quote = post("bob", bill + "/payment", Map.of("requestId", "pay-1", "paymentMethod", "1234"));
        assertThat(quote.quote().price()).isEqualByComparingTo("425.00");
        ActionResult paid = post("bob", bill + "/payment", Map.of("requestId", "pay-2", "paymentMethod", "1234",
                "confirmation", quote.quote().confirmation()));
        assertThat(paid.outcome()).isEqualTo("applied");
        web.get().uri(ACCOUNT + "/customers/C1002/bills?limit=1").headers(TOKENS.user("bob")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[0].billId").isEqualTo("B1005")
                .jsonPath("$[0].status").isEqualTo("Paid");

        // And a technician cannot be booked while the outage in his area lasts
        web.post().uri(ACCOUNT + "/customers/C1002/appointments").headers(TOKENS.user("bob"))
                .bodyValue(Map.of("requestId", "visit", "startsAt", "2025-02-27T14:00:00Z", "reason", "no internet"))
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.rule").isEqualTo("technician-not-during-area-outage");
    }

    private AccountCustomer me(String user) {
        return web.get().uri(ACCOUNT + "/me").headers(TOKENS.user(user)).exchange()
                .expectStatus().isOk().expectBody(AccountCustomer.class).returnResult().getResponseBody();
    }

    private AccountLine line(String user, String customer, String line) {
        return web.get().uri(ACCOUNT + "/customers/" + customer + "/lines/" + line).headers(TOKENS.user(user))
                .exchange().expectStatus().isOk().expectBody(AccountLine.class).returnResult().getResponseBody();
    }

    private LookupResult lookup(String agent, Map<String, String> by) {
        return web.post().uri(ACCOUNT + "/lookups").headers(TOKENS.user(agent, "agent")).bodyValue(by).exchange()
                .expectStatus().isOk().expectBody(LookupResult.class).returnResult().getResponseBody();
    }

    static Consumer<HttpHeaders> staff(String agent, String verification) {
        return TOKENS.user(agent, "agent").andThen(headers -> headers.set(AccountController.VERIFICATION,
                verification));
    }

    private ActionResult post(String user, String uri, Map<String, ?> body) {
        return post(TOKENS.user(user), uri, body);
    }

    private ActionResult post(Consumer<HttpHeaders> caller, String uri, Map<String, ?> body) {
        return web.post().uri(uri).headers(caller).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(ActionResult.class).returnResult().getResponseBody();
    }
}
