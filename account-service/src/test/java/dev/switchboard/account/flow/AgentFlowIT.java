package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.FlowTurns.count;
import static dev.switchboard.account.flow.FlowTurns.ids;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.account.AccountServiceTest;
import dev.switchboard.account.ScriptedModel;
import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * With a chat model configured, flow turns are answered by the tool-calling agent (the model scripted by
 * {@link ScriptedModel}): the model reads the account through the tools; a write it calls is only quoted until the
 * customer confirms, a confirmation cannot be spent on another write than the one quoted, and a confirmed write is
 * applied once even when the turn is delivered twice.
 */
@AccountServiceTest
class AgentFlowIT extends FlowTestBase {

    private static final ScriptedModel MODEL = ScriptedModel.instance();

    @Autowired
    MeterRegistry meters;

    AgentFlowIT() {
        super(ScriptedModel.FLOW, "mobile_service", Agent.tech_support);
    }

    @Test
    void theModelReadsThroughTheToolsAndAWriteNeedsTheCustomersConfirmationOfExactlyWhatWasQuoted() {
        String conversation = "agent-" + UUID.randomUUID();
        double agentTurnsBefore = agentTurns();

        // Given the model reads the customer's account, When alice asks about her lines
        MODEL.callsThenAnswers("get_customer", "{}", "You have three lines.");
        ChatReplied read = turns.turn(conversation, "alice", "which lines do I have?", null);

        // Then the model's answer is the reply, the tool's result (her account, as the policy let her see it) reached it
        assertThat(read.getContent()).isEqualTo("You have three lines.");
        assertThat(read.getSource()).isEqualTo(ReplySource.flow);
        assertThat(read.getActionId()).isNull();
        assertThat(MODEL.requests()).hasSize(2);
        assertThat(MODEL.requests().get(1)).contains("L1002");

        // When the model refuels 1 GB on her asking, with no confirmation from her
        MODEL.callsThenAnswers("refuel_data", "{\"lineId\":\"L1002\",\"gbAmount\":1}",
                "That is 2.00 USD. Shall I go ahead?");
        ChatReplied quoted = turns.turn(conversation, "alice", "add 1 GB to 555-123-2002", null);

        // Then nothing is added: the code quoted it (audited) and told the model so; she gets the yes/no buttons
        assertThat(refuelled("L1002")).isEqualByComparingTo("0");
        assertThat(MODEL.requests().get(1)).contains("the customer must confirm this first");
        assertThat(quoted.getActionId()).isNull();
        assertThat(ids(quoted)).containsExactly("confirm", "decline");
        assertThat(audited("confirmation_required")).isEqualTo(1);
        // and the model saw the conversation so far: her first question and its answer
        assertThat(MODEL.requests().get(0)).contains("which lines do I have?").contains("You have three lines.");

        // When she says something else than yes and the model calls the write anyway
        MODEL.callsThenAnswers("refuel_data", "{\"lineId\":\"L1002\",\"gbAmount\":1}",
                "That is 2.00 USD. Shall I go ahead?");
        ChatReplied unconfirmed = turns.turn(conversation, "alice", "hmm, is that the cheapest?", null);

        // Then it is only quoted again: her words did not confirm it, whatever the model does
        assertThat(refuelled("L1002")).isEqualByComparingTo("0");
        assertThat(unconfirmed.getActionId()).isNull();
        assertThat(audited("confirmation_required")).isEqualTo(2);

        // When she confirms, but the model refuels 2 GB instead of the 1 GB quoted
        MODEL.callsThenAnswers("refuel_data", "{\"lineId\":\"L1002\",\"gbAmount\":2}", "Sorry, that did not work.");
        ChatReplied switched = turns.turn(conversation, "alice", "yes", "confirm");

        // Then the code refuses it (audited as refused by the confirmation rule) and adds nothing
        assertThat(refuelled("L1002")).isEqualByComparingTo("0");
        assertThat(switched.getActionId()).isNull();
        assertThat(MODEL.requests().get(1)).contains("confirmation-required");
        assertThat(audited("refused")).isEqualTo(1);

        // When she confirms again and the model refuels the 1 GB quoted, the turn delivered twice
        MODEL.callsThenAnswers("refuel_data", "{\"lineId\":\"L1002\",\"gbAmount\":1}", "Done: 1 GB added.");
        String confirmId = UUID.randomUUID().toString();
        ChatReplied done = turns.turn(conversation, "alice", confirmId, "yes", null);
        ChatReplied redelivered = turns.turn(conversation, "alice", confirmId, "yes", null);

        // Then 1 GB is added once, the reply names the action, and the second delivery got the kept reply
        assertThat(refuelled("L1002")).isEqualByComparingTo("1");
        assertThat(done.getContent()).isEqualTo("Done: 1 GB added.");
        assertThat(done.getActionId()).isNotNull();
        assertThat(redelivered.getActionId()).isEqualTo(done.getActionId());
        assertThat(MODEL.requests()).hasSize(2);
        assertThat(count(db, "select count(*) from account_actions where action = 'refuel_data' and target = 'L1002' "
                + "and outcome = 'applied' and request_id like 'agent:%'")).isEqualTo(1);
        // and the service counted five turns answered by the agent (the redelivery got the kept reply)
        assertThat(agentTurns()).isEqualTo(agentTurnsBefore + 5);
    }

    private double agentTurns() {
        Counter turns = meters.find("account.flow.turns").tag("flow", ScriptedModel.FLOW).tag("by", "agent").counter();
        return turns == null ? 0 : turns.count();
    }

    private long audited(String outcome) {
        return count(db, "select count(*) from account_actions where action = 'refuel_data' and target = 'L1002' "
                + "and request_id like 'agent:%' and outcome = '" + outcome + "'");
    }
}
