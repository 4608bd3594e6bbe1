package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.FlowTurns.count;
import static dev.switchboard.account.flow.FlowTurns.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The data-refuel flow: the line's usage and allowance, the price of the amount chosen, an amount above the policy's
 * maximum refused, nothing added without the customer's confirmation, and the refuel once they confirm.
 */
@AccountServiceTest
class DataRefuelFlowIT extends FlowTestBase {

    DataRefuelFlowIT() {
        super(DataRefuel.NAME, "mobile_service", Agent.tech_support);
    }

    @Test
    void tooMuchIsRefusedADeclinedQuoteAddsNothingAndAConfirmedOneIsAddedOnce() {
        // Given alice's L1002 has used 15.1 of its 15 GB (tau2's set-up)
        FlowTurns.scenario(web, "data-usage", Map.of("lineId", "L1002", "dataUsedGb", 15.1));
        String conversation = "flow-" + UUID.randomUUID();
        ChatReplied lines = turns.turn(conversation, "alice", "I've run out of data", null);
        assertThat(lines.getFlow()).isEqualTo(DataRefuel.NAME);
        assertThat(ids(lines)).containsExactly("L1001", "L1002", "L1003");

        // When she picks the line, Then she sees its usage, allowance and price, and the amounts she may choose
        ChatReplied usage = turns.turn(conversation, "alice", "555-123-2002", null);
        assertThat(usage.getContent()).contains("has used 15.1 GB of its 15 GB").contains("2.00 USD per GB")
                .contains("up to 2 GB");
        assertThat(ids(usage)).containsExactly("refuel:1", "refuel:2", "decline");

        // When she asks for more than the policy's maximum, Then it is refused (audited) and she is asked again
        ChatReplied tooMuch = turns.turn(conversation, "alice", "5 GB please", null);
        assertThat(tooMuch.getContent()).contains("I cannot add 5 GB").contains("at most 2 GB");
        assertThat(ids(tooMuch)).containsExactly("refuel:1", "refuel:2", "decline");
        assertThat(count(db, "select count(*) from account_actions where action = 'refuel_data' and target = 'L1002' "
                + "and outcome = 'refused' and rule = 'refuel-at-most-2-gb'")).isEqualTo(1);

        // When she types an amount within it, Then its price is quoted; declined, nothing is added and the flow ends
        ChatReplied quote = turns.turn(conversation, "alice", "1.5 GB", null);
        assertThat(quote.getContent()).contains("Refuel 1.5 GB of data on 555-123-2002 for 3.00 USD");
        ChatReplied declined = turns.turn(conversation, "alice", "no", "decline");
        assertThat(declined.getFlow()).isNull();
        assertThat(refuelled("L1002")).isEqualByComparingTo("0");

        // When she comes back, picks 2 GB and confirms (the turn delivered twice)
        String again = "flow-" + UUID.randomUUID();
        turns.turn(again, "alice", "I need more data", null);
        turns.turn(again, "alice", "555-123-2002", "L1002");
        assertThat(turns.turn(again, "alice", "2 GB", "refuel:2").getContent()).contains("4.00 USD");
        String confirmId = UUID.randomUUID().toString();
        ChatReplied done = turns.turn(again, "alice", confirmId, "yes", "confirm");
        turns.turn(again, "alice", confirmId, "yes", "confirm");

        // Then 2 GB are added once, and the flow ends
        assertThat(refuelled("L1002")).isEqualByComparingTo("2");
        assertThat(done.getContent()).contains("refuelled 2 GB on 555-123-2002");
        assertThat(done.getActionId()).isNotNull();
        assertThat(done.getFlow()).isNull();
    }
}
