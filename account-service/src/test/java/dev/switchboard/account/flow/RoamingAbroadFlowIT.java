package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.FlowTurns.ids;
import static dev.switchboard.account.flow.FlowTurns.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The roaming-abroad flow: the line checked, roaming enabled at no cost once the customer confirms, a line already
 * enabled left as it is, a suspended one passed to a person; and a conversation routed from another flow to this one
 * starts it.
 */
@AccountServiceTest
class RoamingAbroadFlowIT extends FlowTestBase {

    RoamingAbroadFlowIT() {
        super(RoamingAbroad.NAME, "mobile_service", Agent.tech_support);
    }

    @Test
    void roamingIsEnabledOnTheLineOnlyAfterTheCustomerConfirms() {
        // Given alice, going abroad, with L1001 (555-123-2001) not enabled for roaming
        String conversation = "flow-" + UUID.randomUUID();
        ChatReplied lines = turns.turn(conversation, "alice", "I'm going to Spain next week", null);
        assertThat(lines.getFlow()).isEqualTo(RoamingAbroad.NAME);
        assertThat(lines.getContent()).contains("travelling abroad");

        // When she picks it, Then enabling roaming is quoted at no cost, and nothing changes yet
        ChatReplied quote = turns.turn(conversation, "alice", "555-123-2001", "L1001");
        assertThat(quote.getContent()).contains("Roaming is not enabled on 555-123-2001").contains("at no cost");
        assertThat(ids(quote)).containsExactly("confirm", "decline");
        assertThat(roaming("L1001")).isFalse();

        // When she confirms, Then roaming is on and the flow ends
        ChatReplied done = turns.turn(conversation, "alice", "yes", "confirm");
        assertThat(roaming("L1001")).isTrue();
        assertThat(done.getContent()).contains("roaming on for 555-123-2001").contains("phone's settings");
        assertThat(done.getActionId()).isNotNull();
        assertThat(done.getFlow()).isNull();

        // And asked again, the line is found enabled already
        String again = "flow-" + UUID.randomUUID();
        turns.turn(again, "alice", "travelling abroad", null);
        assertThat(turns.turn(again, "alice", "555-123-2001", "L1001").getContent()).contains("already enabled");

        // And her suspended L1003 cannot get roaming: the policy refuses it and a person takes over
        String suspended = "flow-" + UUID.randomUUID();
        turns.turn(suspended, "alice", "going abroad", null);
        ChatReplied refused = turns.turn(suspended, "alice", "555-123-2003", "L1003");
        assertThat(refused.getContent()).contains("I cannot turn it on here").contains("passing you to a person");
        assertThat(roaming("L1003")).isFalse();
    }

    @Test
    void aConversationRoutedFromAnotherFlowToThisOneStartsIt() {
        // Given alice in the data-refuel flow, at its line question
        String conversation = "flow-" + UUID.randomUUID();
        FlowTurns refuel = turns.in(DataRefuel.NAME, "mobile_service", Agent.tech_support);
        assertThat(refuel.turn(conversation, "alice", "I've run out of data", null).getFlow())
                .isEqualTo(DataRefuel.NAME);

        // When intent-service routes her next turn to the roaming flow, Then that flow starts
        ChatReplied roaming = turns.turn(conversation, "alice", "actually I'm going abroad", null);
        assertThat(roaming.getFlow()).isEqualTo(RoamingAbroad.NAME);
        assertThat(roaming.getContent()).contains("travelling abroad");
        assertThat(value(db, "select flow from flow_conversations where conversation_id = '" + conversation + "'"))
                .isEqualTo(RoamingAbroad.NAME);
    }
}
