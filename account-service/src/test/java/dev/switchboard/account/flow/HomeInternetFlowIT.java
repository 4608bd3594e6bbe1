package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.FlowTurns.count;
import static dev.switchboard.account.flow.FlowTurns.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The home-internet flow: an outage in the customer's area is reported and no technician is booked; without one, a
 * slot is offered and the visit booked once, after the customer confirms it.
 */
@AccountServiceTest
class HomeInternetFlowIT extends FlowTestBase {

    private static final String ALICES_VISITS = "select count(*) from technician_appointments "
            + "where customer_id = 'C1001'";

    HomeInternetFlowIT() {
        super(HomeInternet.NAME, "internet_outage", Agent.tech_support);
    }

    @Test
    void anOutageInTheAreaIsReportedAndNoVisitIsOffered() {
        // Given bob, whose area (62701) has an outage now
        ChatReplied outage = turns.turn("flow-" + UUID.randomUUID(), "bob", "my home internet is down", null);

        // Then the flow tells him about it and ends, without a technician
        assertThat(outage.getContent()).contains("outage in your area (62701)").contains("Fibre cut")
                .contains("not booked one");
        assertThat(outage.getFlow()).isNull();
        assertThat(outage.getSuggestions()).isEmpty();
        assertThat(count(db, "select count(*) from technician_appointments where customer_id = 'C1002'")).isZero();
    }

    @Test
    void withoutAnOutageAVisitIsBookedOnceAfterTheCustomerConfirmsTheSlot() {
        // Given alice, with no outage in her area and a visit booked already
        String conversation = "flow-" + UUID.randomUUID();
        ChatReplied slots = turns.turn(conversation, "alice", "my internet is not working", null);

        // Then she is offered the next slots, and told of her booked visit
        assertThat(slots.getContent()).contains("no outage in your area")
                .contains("already have a visit on Tuesday 4 March at 09:00 (Router installation)");
        assertThat(ids(slots)).containsExactly("slot:2025-02-26T09:00", "slot:2025-02-26T14:00",
                "slot:2025-02-27T09:00", "decline");

        // When she picks one, Then the visit is quoted at no cost, and nothing is booked yet
        ChatReplied quote = turns.turn(conversation, "alice", "Wednesday afternoon", "slot:2025-02-26T14:00");
        assertThat(quote.getContent()).contains("A technician visit on 2025-02-26T14:00").contains("at no cost");
        assertThat(count(db, ALICES_VISITS)).isEqualTo(1);

        // When she confirms, and the turn is delivered again
        String confirmId = UUID.randomUUID().toString();
        ChatReplied booked = turns.turn(conversation, "alice", confirmId, "yes", "confirm");
        ChatReplied again = turns.turn(conversation, "alice", confirmId, "yes", "confirm");

        // Then the visit is booked once and the flow ends
        assertThat(count(db, ALICES_VISITS)).isEqualTo(2);
        assertThat(again.getReplyId()).isEqualTo(booked.getReplyId());
        assertThat(booked.getContent()).contains("Wednesday 26 February at 14:00");
        assertThat(booked.getActionId()).isNotNull();
        assertThat(booked.getFlow()).isNull();
    }
}
