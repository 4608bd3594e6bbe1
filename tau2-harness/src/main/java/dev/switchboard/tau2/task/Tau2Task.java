package dev.switchboard.tau2.task;

import java.util.List;
import java.util.Optional;

/**
 * One τ²-bench task: who the customer is and what they want ({@link UserScenario}), the calls that set up the phone
 * and the account before the conversation ({@code initial_state.initialization_actions}), and what is checked after
 * it ({@code evaluation_criteria}: the expected end state, and the actions the reference solution takes).
 */
public record Tau2Task(String id, String purpose, UserScenario scenario, String ticket, List<EnvCall> initialActions,
        List<EnvAssertion> assertions, List<ExpectedAction> expectedActions, List<String> rewardBasis) {

    public Tau2Task {
        initialActions = List.copyOf(initialActions);
        assertions = List.copyOf(assertions);
        expectedActions = List.copyOf(expectedActions);
        rewardBasis = List.copyOf(rewardBasis);
    }

    /** What the simulated user is told: their persona (may be null) and instructions. */
    public record UserScenario(String persona, String reasonForCall, String knownInfo, String unknownInfo,
            String taskInstructions) {
    }

    /** A function call of the initial state, on the customer's phone or the account. */
    public record EnvCall(Side side, String function, Arguments arguments) {
    }

    /** A function of the end state that must answer {@code expected}. */
    public record EnvAssertion(Side side, String function, Arguments arguments, boolean expected, String message) {
    }

    /**
     * An action the reference solution takes, by the customer ({@code user}) or the agent ({@code assistant}); only the
     * arguments named in {@code compareArgs} are compared, all when it is null.
     */
    public record ExpectedAction(String actionId, String requestor, String name, Arguments arguments,
            List<String> compareArgs) {
    }

    /** The customer's phone number, from the {@code set_user_info} of the initial state. */
    public Optional<String> phoneNumber() {
        return initialActions.stream()
                .filter(call -> call.side() == Side.USER && call.function().equals("set_user_info"))
                .map(call -> call.arguments().string("phone_number")).reduce((first, last) -> last);
    }
}
