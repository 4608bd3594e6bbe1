package dev.switchboard.account.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of the policy, each refusing the request that violates it (and letting the one that keeps it
 * through); {@link #everyRuleHasATestNamedAfterIt} keeps it so when a rule is added.
 */
class PolicyTest {

    static final LocalDate TODAY = LocalDate.of(2025, 2, 25);
    static final Instant NOW = Instant.parse("2025-02-25T17:08:00Z");
    static final ZoneId ZONE = ZoneId.of("America/New_York");

    @Test
    void identityVerified() {
        // Given a staff member without a verification, or with one for another customer
        Decision none = Policy.identity(true, null, null, "C1001");
        Decision other = Policy.identity(true, null, "C1002", "C1001");
        // and a customer whose sign-in is linked to no account
        Decision unlinked = Policy.identity(false, null, null, null);

        // Then no account data: refused, naming the verification header or the sign-in
        assertThat(none).isEqualTo(Decision.refuse(Rule.IDENTITY_VERIFIED, "Account-Verification", none.detail()));
        assertThat(other.allowed()).isFalse();
        assertThat(other.field()).isEqualTo("Account-Verification");
        assertThat(unlinked.allowed()).isFalse();
        assertThat(unlinked.rule()).isEqualTo(Rule.IDENTITY_VERIFIED);
        // while a verification of that customer lets the staff member in
        assertThat(Policy.identity(true, null, "C1001", "C1001")).isEqualTo(Decision.allow(Rule.IDENTITY_VERIFIED));
    }

    @Test
    void ownAccountOnly() {
        // Given alice, linked to C1001, asking for C1002
        Decision decision = Policy.identity(false, "C1001", null, "C1002");

        // Then refused on the customer id; her own account (named, or not named) is allowed
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo(Rule.OWN_ACCOUNT_ONLY);
        assertThat(decision.field()).isEqualTo("customerId");
        assertThat(Policy.identity(false, "C1001", null, "C1001").allowed()).isTrue();
        assertThat(Policy.identity(false, "C1001", null, null).allowed()).isTrue();
    }

    @Test
    void nameLookupNeedsDateOfBirth() {
        // Given a lookup by name alone
        Decision decision = Policy.lookup(null, null, "John Smith", null);

        // Then refused, naming the date of birth; with it, or by phone or id, a lookup is allowed
        assertThat(decision).isEqualTo(Decision.refuse(Rule.NAME_LOOKUP_NEEDS_DATE_OF_BIRTH, "dateOfBirth",
                decision.detail()));
        assertThat(Policy.lookup(null, null, "John Smith", LocalDate.of(1985, 6, 15)).allowed()).isTrue();
        assertThat(Policy.lookup("555-123-2002", null, null, null).allowed()).isTrue();
        assertThat(Policy.lookup(null, "C1001", null, null).allowed()).isTrue();
        assertThat(Policy.lookup(null, null, " ", null).allowed()).isFalse();
    }

    @Test
    void confirmationRequired() {
        Policy.Terms terms = new Policy.Terms("alice", "C1001", "refuel_data", "L1002", "gbAmount=2",
                new BigDecimal("4"));
        Policy.Quote quote = new Policy.Quote(terms, NOW.plusSeconds(600), null);

        // A write with no quote, with a used or expired one, with one for other terms, or at a changed price is refused
        assertThat(Policy.confirmation(terms, null, NOW).rule()).isEqualTo(Rule.CONFIRMATION_REQUIRED);
        assertThat(Policy.confirmation(terms, null, NOW).allowed()).isFalse();
        assertThat(Policy.confirmation(terms, new Policy.Quote(terms, NOW.plusSeconds(600), NOW), NOW).allowed())
                .isFalse();
        assertThat(Policy.confirmation(terms, new Policy.Quote(terms, NOW, null), NOW).allowed()).isFalse();
        Policy.Terms more = new Policy.Terms("alice", "C1001", "refuel_data", "L1002", "gbAmount=1.5",
                new BigDecimal("3"));
        assertThat(Policy.confirmation(more, quote, NOW).allowed()).isFalse();
        Policy.Terms bob = new Policy.Terms("bob", "C1001", "refuel_data", "L1002", "gbAmount=2", new BigDecimal("4"));
        assertThat(Policy.confirmation(bob, quote, NOW).allowed()).isFalse();
        Policy.Terms dearer = new Policy.Terms("alice", "C1001", "refuel_data", "L1002", "gbAmount=2",
                new BigDecimal("4.20"));
        Decision changed = Policy.confirmation(dearer, quote, NOW);
        assertThat(changed.allowed()).isFalse();
        assertThat(changed.field()).isEqualTo("confirmation");
        assertThat(changed.detail()).contains("4.00").contains("4.20");

        // Only the quote of exactly these terms, unused and in time, confirms (4 and 4.00 are one price)
        Policy.Terms same = new Policy.Terms("alice", "C1001", "refuel_data", "L1002", "gbAmount=2",
                new BigDecimal("4.00"));
        assertThat(Policy.confirmation(same, quote, NOW)).isEqualTo(Decision.allow(Rule.CONFIRMATION_REQUIRED));
    }

    @Test
    void refuelAtMost2Gb() {
        // Given refuels of 2.5 GB, 0 GB and -1 GB on an active line
        for (String gigabytes : List.of("2.5", "2.01", "0", "-1")) {
            Decision decision = Policy.refuel(Policy.ACTIVE, new BigDecimal(gigabytes));

            // Then each is refused, naming the amount
            assertThat(decision.allowed()).as(gigabytes).isFalse();
            assertThat(decision.rule()).isEqualTo(Rule.REFUEL_AT_MOST_2_GB);
            assertThat(decision.field()).isEqualTo("gbAmount");
        }
        // while 2 GB is allowed, at the plan's price per GB
        assertThat(Policy.refuel(Policy.ACTIVE, new BigDecimal("2.0"))).isEqualTo(
                Decision.allow(Rule.REFUEL_AT_MOST_2_GB));
        assertThat(Policy.refuelPrice(new BigDecimal("2.00"), new BigDecimal("2.0"))).isEqualByComparingTo("4.00");
        assertThat(Policy.refuelPrice(new BigDecimal("0.10"), new BigDecimal("1.5"))).isEqualByComparingTo("0.15");
    }

    @Test
    void lineInService() {
        // Given a suspended line, Then neither a refuel nor roaming is changed on it
        assertThat(Policy.refuel(Policy.SUSPENDED, BigDecimal.ONE)).isEqualTo(
                Decision.refuse(Rule.LINE_IN_SERVICE, "lineId", "the line is Suspended, not active"));
        assertThat(Policy.roaming("Pending Activation").allowed()).isFalse();
        assertThat(Policy.roaming(Policy.ACTIVE)).isEqualTo(Decision.allow(Rule.LINE_IN_SERVICE));
    }

    @Test
    void suspendForOverdueBillOrContractEnd() {
        List<String> paid = List.of(Policy.PAID, "Issued");
        Rule rule = Rule.SUSPEND_FOR_OVERDUE_BILL_OR_CONTRACT_END;

        // A suspension for an overdue bill the customer does not have, for a contract that has not ended, for any
        // other reason, or of a line that is not active, is refused
        assertThat(Policy.suspend(Policy.ACTIVE, Policy.OVERDUE_BILL, null, TODAY, paid))
                .isEqualTo(Decision.refuse(rule, "reason", "the customer has no overdue bill"));
        assertThat(Policy.suspend(Policy.ACTIVE, Policy.CONTRACT_ENDED, TODAY.plusDays(1), TODAY, paid).allowed())
                .isFalse();
        assertThat(Policy.suspend(Policy.ACTIVE, "customer asked", null, TODAY, paid).field()).isEqualTo("reason");
        assertThat(Policy.suspend(Policy.SUSPENDED, Policy.OVERDUE_BILL, null, TODAY, List.of(Policy.OVERDUE))
                .field()).isEqualTo("lineId");

        // while the policy's two reasons, when true, are allowed
        assertThat(Policy.suspend(Policy.ACTIVE, Policy.OVERDUE_BILL, null, TODAY, List.of(Policy.OVERDUE)))
                .isEqualTo(Decision.allow(rule));
        assertThat(Policy.suspend(Policy.ACTIVE, Policy.CONTRACT_ENDED, TODAY.minusDays(1), TODAY, paid).allowed())
                .isTrue();
    }

    @Test
    void resumeAfterOverdueBillsPaid() {
        // Given a suspended line while a bill is still overdue, or awaiting payment
        Decision overdue = Policy.resume(Policy.SUSPENDED, null, TODAY, List.of(Policy.PAID, Policy.OVERDUE));
        Decision awaiting = Policy.resume(Policy.SUSPENDED, null, TODAY, List.of(Policy.AWAITING_PAYMENT));

        // Then it is not resumed; nor is a line that is not suspended
        assertThat(overdue.allowed()).isFalse();
        assertThat(overdue.rule()).isEqualTo(Rule.RESUME_AFTER_OVERDUE_BILLS_PAID);
        assertThat(awaiting.allowed()).isFalse();
        assertThat(Policy.resume(Policy.ACTIVE, null, TODAY, List.of()).allowed()).isFalse();
        // once every bill is paid, it is
        assertThat(Policy.resume(Policy.SUSPENDED, TODAY.plusYears(1), TODAY, List.of(Policy.PAID)))
                .isEqualTo(Decision.allow(Rule.RESUME_AFTER_OVERDUE_BILLS_PAID));
    }

    @Test
    void noResumeAfterContractEnd() {
        // Given a suspended line with every bill paid, whose contract ended yesterday
        Decision decision = Policy.resume(Policy.SUSPENDED, TODAY.minusDays(1), TODAY, List.of(Policy.PAID));

        // Then it is not resumed, by this rule
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo(Rule.NO_RESUME_AFTER_CONTRACT_END);
    }

    @Test
    void paymentRequestForOverdueBillOnly() {
        // Given bills that are issued, paid or disputed, Then no payment request is sent for them
        for (String status : List.of("Issued", Policy.PAID, "Disputed", "Draft", Policy.AWAITING_PAYMENT)) {
            Decision decision = Policy.paymentRequest(status, false);
            assertThat(decision.allowed()).as(status).isFalse();
            assertThat(decision.rule()).isEqualTo(Rule.PAYMENT_REQUEST_FOR_OVERDUE_BILL_ONLY);
            assertThat(decision.field()).isEqualTo("billId");
        }
        assertThat(Policy.paymentRequest(Policy.OVERDUE, false))
                .isEqualTo(Decision.allow(Rule.PAYMENT_REQUEST_FOR_OVERDUE_BILL_ONLY));
    }

    @Test
    void oneBillAwaitingPayment() {
        // Given an overdue bill while another bill of the customer awaits payment
        Decision decision = Policy.paymentRequest(Policy.OVERDUE, true);

        // Then no second payment request
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo(Rule.ONE_BILL_AWAITING_PAYMENT);
    }

    @Test
    void paymentByTheCustomer() {
        // Staff paying for the customer, or a payment of a bill without a payment request, is refused
        assertThat(Policy.payment(true, Policy.AWAITING_PAYMENT, true, "12/2026", TODAY).rule())
                .isEqualTo(Rule.PAYMENT_BY_THE_CUSTOMER);
        assertThat(Policy.payment(true, Policy.AWAITING_PAYMENT, true, "12/2026", TODAY).allowed()).isFalse();
        assertThat(Policy.payment(false, Policy.OVERDUE, false, "12/2026", TODAY).allowed()).isFalse();
        assertThat(Policy.payment(false, Policy.AWAITING_PAYMENT, false, "12/2026", TODAY).allowed()).isFalse();
        // the customer paying the bill they were asked to pay is allowed
        assertThat(Policy.payment(false, Policy.AWAITING_PAYMENT, true, "12/2026", TODAY))
                .isEqualTo(Decision.allow(Rule.PAYMENT_BY_THE_CUSTOMER));
    }

    @Test
    void paymentMethodOnFile() {
        // A method the customer does not have, or one that expired last month, is refused
        Decision none = Policy.payment(false, Policy.AWAITING_PAYMENT, true, null, TODAY);
        Decision expired = Policy.payment(false, Policy.AWAITING_PAYMENT, true, "01/2025", TODAY);

        assertThat(none).isEqualTo(Decision.refuse(Rule.PAYMENT_METHOD_ON_FILE, "paymentMethod", none.detail()));
        assertThat(expired.rule()).isEqualTo(Rule.PAYMENT_METHOD_ON_FILE);
        assertThat(expired.allowed()).isFalse();
        // one expiring this month still pays
        assertThat(Policy.payment(false, Policy.AWAITING_PAYMENT, true, "02/2025", TODAY).allowed()).isTrue();
    }

    @Test
    void technicianNotDuringAreaOutage() {
        // Given a good slot, but an outage in the customer's area
        Decision decision = Policy.technician(Instant.parse("2025-02-27T14:00:00Z"), NOW, ZONE, true);

        // Then no visit is booked
        assertThat(decision.allowed()).isFalse();
        assertThat(decision.rule()).isEqualTo(Rule.TECHNICIAN_NOT_DURING_AREA_OUTAGE);
    }

    @Test
    void technicianSlotBookable() {
        // 09:00 New York on Thursday is bookable
        assertThat(Policy.technician(Instant.parse("2025-02-27T14:00:00Z"), NOW, ZONE, false))
                .isEqualTo(Decision.allow(Rule.TECHNICIAN_SLOT_BOOKABLE));
        // today, at 07:00, at 18:00, off the hour, or beyond 60 days are refused
        for (String slot : List.of("2025-02-25T20:00:00Z", "2025-02-27T12:00:00Z", "2025-02-27T23:00:00Z",
                "2025-02-27T14:30:00Z", "2025-05-01T14:00:00Z")) {
            Decision decision = Policy.technician(Instant.parse(slot), NOW, ZONE, false);
            assertThat(decision.allowed()).as(slot).isFalse();
            assertThat(decision.field()).isEqualTo("startsAt");
        }
    }

    @Test
    void transferWhenOutOfScope() {
        // A transfer that does not say what the case is is refused
        assertThat(Policy.transfer(" ")).isEqualTo(Decision.refuse(Rule.TRANSFER_WHEN_OUT_OF_SCOPE, "summary",
                Policy.transfer(null).detail()));
        assertThat(Policy.transfer("The SIM asks for a PUK code.").allowed()).isTrue();
    }

    @Test
    void seedResetByAdmin() {
        // A customer or an agent asking to restore the seed is refused; an admin is not
        assertThat(Policy.seedReset(false)).isEqualTo(Decision.refuse(Rule.SEED_RESET_BY_ADMIN, null,
                "restoring the seed data is for admins"));
        assertThat(Policy.seedReset(true)).isEqualTo(Decision.allow(Rule.SEED_RESET_BY_ADMIN));
    }

    @Test
    void everyRuleHasATestNamedAfterIt() {
        // Given the test methods of this class
        List<String> tests = Arrays.stream(PolicyTest.class.getDeclaredMethods()).map(Method::getName)
                .map(name -> name.toLowerCase(Locale.ROOT)).toList();

        // Then each rule has its own, named after it
        for (Rule rule : Rule.values()) {
            assertThat(tests).as(rule.id()).contains(rule.name().replace("_", "").toLowerCase(Locale.ROOT));
        }
    }
}
