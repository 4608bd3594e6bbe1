package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.FlowTurns.count;
import static dev.switchboard.account.flow.FlowTurns.ids;
import static dev.switchboard.account.flow.FlowTurns.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The overdue-bill flow: what is overdue, a payment request, the payment with a method on file once the customer
 * confirmed its amount (applied once however often the turn comes), and a suspended line resumed only when the policy
 * allows it.
 */
@AccountServiceTest
class OverdueBillFlowIT extends FlowTestBase {

    OverdueBillFlowIT() {
        super(OverdueBill.NAME, "late_payment_fees", Agent.billing);
    }

    @Test
    void anOverdueBillIsPaidWithAMethodOnFileOnceAfterTheCustomerConfirmsTheAmount() {
        // Given bob (C1002), whose bill B1005 of 425 USD is overdue
        String conversation = "flow-" + UUID.randomUUID();
        ChatReplied overdue = turns.turn(conversation, "bob", "my bill is overdue", null);

        // Then the flow shows what is overdue and offers a payment request
        assertThat(overdue.getFlow()).isEqualTo(OverdueBill.NAME);
        assertThat(overdue.getContent()).contains("B1005").contains("425").contains("overdue");
        assertThat(ids(overdue)).containsExactly("confirm", "decline");

        // When he asks for it, Then it is sent and he is asked which of his payment methods on file pays it
        ChatReplied requested = turns.turn(conversation, "bob", "yes please", "confirm");
        assertThat(requested.getActionId()).isNotNull();
        assertThat(ids(requested)).containsExactly("method:1234", "method:5678", "decline");
        assertThat(status("B1005")).isEqualTo("Awaiting Payment");

        // When he picks his credit card, Then the payment's amount is quoted for him to confirm, and nothing is paid
        ChatReplied quote = turns.turn(conversation, "bob", "the credit card", null);
        assertThat(quote.getContent()).contains("Pay bill B1005, 425").contains("ending in 5678");
        assertThat(ids(quote)).containsExactly("confirm", "decline");
        assertThat(status("B1005")).isEqualTo("Awaiting Payment");

        // When he confirms, and the same turn is delivered again
        String confirmId = UUID.randomUUID().toString();
        ChatReplied paid = turns.turn(conversation, "bob", confirmId, "yes", "confirm");
        ChatReplied again = turns.turn(conversation, "bob", confirmId, "yes", "confirm");

        // Then the bill is paid once, with that card, and the flow ends: nothing else is overdue
        assertThat(status("B1005")).isEqualTo("Paid");
        assertThat(again.getReplyId()).isEqualTo(paid.getReplyId());
        assertThat(paid.getContent()).contains("bill B1005 paid").contains("Nothing else is overdue");
        assertThat(paid.getFlow()).isNull();
        assertThat(count(db, "select count(*) from account_actions where action = 'make_payment' "
                + "and target = 'B1005' and outcome = 'applied'")).isEqualTo(1);
        assertThat(value(db, "select paid_with_last_4 from payment_requests where bill_id = 'B1005'"))
                .isEqualTo("5678");
    }

    @Test
    void aLineSuspendedForTheBillIsResumedAfterThePaymentWhenThePolicyAllowsIt() {
        // Given alice's L1002 suspended for a new overdue bill (tau2's set-up), and her L1003 suspended in the seed
        FlowTurns.scenario(web, "overdue-suspension", Map.of("customerId", "C1001", "lineId", "L1002",
                "billId", "B7001", "contractEnded", false));
        String conversation = "flow-" + UUID.randomUUID();
        ChatReplied overdue = turns.turn(conversation, "alice", "my line was suspended", null);
        assertThat(overdue.getContent()).contains("B7001").contains("555-123-2002, 555-123-2003 are suspended");

        // When she has it paid with her card on file
        turns.turn(conversation, "alice", "yes", "confirm");
        turns.turn(conversation, "alice", "card", "method:1235");
        ChatReplied resume = turns.turn(conversation, "alice", "yes", "confirm");

        // Then the resumption of L1002 is quoted, and applied once she confirms it, with a restart asked for
        assertThat(resume.getContent()).contains("bill B7001 paid").contains("Resume 555-123-2002");
        assertThat(value(db, "select status from lines where line_id = 'L1002'")).isEqualTo("Suspended");
        ChatReplied resumed = turns.turn(conversation, "alice", "yes", "confirm");
        assertThat(value(db, "select status from lines where line_id = 'L1002'")).isEqualTo("Active");
        assertThat(resumed.getContent()).contains("resumed 555-123-2002").contains("restart");

        // And L1003 (no bill overdue any more) is offered next; declined, it stays suspended and the flow ends
        assertThat(resumed.getContent()).contains("Resume 555-123-2003");
        ChatReplied declined = turns.turn(conversation, "alice", "no", "decline");
        assertThat(declined.getFlow()).isNull();
        assertThat(value(db, "select status from lines where line_id = 'L1003'")).isEqualTo("Suspended");
    }

    @Test
    void aLineWhoseContractEndedIsNotResumedEvenWithTheBillPaid() {
        // Given alice's L1002 suspended for an overdue bill, its contract ended last month
        FlowTurns.scenario(web, "overdue-suspension", Map.of("customerId", "C1001", "lineId", "L1002",
                "billId", "B7002", "contractEnded", true));
        String conversation = "flow-" + UUID.randomUUID();
        turns.turn(conversation, "alice", "I want to pay my overdue bill", null);

        // When she pays the bill
        turns.turn(conversation, "alice", "yes", "confirm");
        turns.turn(conversation, "alice", "card", "method:1235");
        ChatReplied after = turns.turn(conversation, "alice", "yes", "confirm");

        // Then the policy refuses the resumption (audited), and she is passed to a person with the line suspended
        assertThat(value(db, "select status from bills where bill_id = 'B7002'")).isEqualTo("Paid");
        assertThat(after.getContent()).contains("cannot lift the suspension").contains("contract ended")
                .contains("passing you to a person");
        assertThat(after.getFlow()).isNull();
        assertThat(value(db, "select status from lines where line_id = 'L1002'")).isEqualTo("Suspended");
        assertThat(count(db, "select count(*) from account_actions where action = 'resume_line' and target = 'L1002' "
                + "and outcome = 'refused' and rule = 'no-resume-after-contract-end'")).isEqualTo(1);
    }

    private String status(String billId) {
        return value(db, "select status from bills where bill_id = '" + billId + "'");
    }
}
