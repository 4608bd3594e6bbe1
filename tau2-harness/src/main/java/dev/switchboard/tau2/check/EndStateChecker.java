package dev.switchboard.tau2.check;

import dev.switchboard.tau2.check.TaskVerdict.AssertionResult;
import dev.switchboard.tau2.device.Phone;
import dev.switchboard.tau2.task.Side;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Task.EnvAssertion;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the end state a task expects ({@code evaluation_criteria.env_assertions}, τ²'s {@code ENV_ASSERTION} reward
 * basis): the phone's assertions on the simulated phone, the account's through account-service's API. Before them the
 * phone takes in the account's facts of its line, as τ² syncs it after every tool call, so that a line resumed or a
 * refuel made by the agent counts (a reboot is still needed for the phone to search the network again, as in τ²).
 */
public final class EndStateChecker {

    /** The reward bases this checker evaluates. */
    static final List<String> CHECKED = List.of("ENV_ASSERTION");

    private final AccountAssertions account;

    public EndStateChecker(AccountReader account) {
        this.account = new AccountAssertions(account);
    }

    /**
     * The phone takes in the account's facts of the customer's line, as τ² does after every tool call: the runner does
     * it after each of the agent's actions.
     */
    public void sync(Tau2Task task, Phone phone) {
        phone.sync(account.lineFacts(phoneNumber(task)));
    }

    /** Syncs the phone with the account, then evaluates every end-state assertion of the task. */
    public TaskVerdict check(Tau2Task task, Phone phone) {
        sync(task, phone);
        String phoneNumber = phoneNumber(task);
        String customerId = account.customerId(phoneNumber);
        List<AssertionResult> results = new ArrayList<>();
        for (EnvAssertion assertion : task.assertions()) {
            try {
                boolean answer;
                if (assertion.side() == Side.USER) {
                    answer = phone.check(assertion.function(), assertion.arguments());
                } else {
                    answer = account.check(assertion.function(), assertion.arguments(), customerId);
                }
                results.add(new AssertionResult(assertion, answer,
                        answer == assertion.expected() ? "as expected" : "answered " + answer));
            } catch (IllegalArgumentException | IllegalStateException e) {
                results.add(new AssertionResult(assertion, null, e.getMessage()));
            }
        }
        List<String> unchecked = task.rewardBasis().stream().filter(basis -> !CHECKED.contains(basis)).toList();
        return new TaskVerdict(task.id(), results, unchecked);
    }

    private static String phoneNumber(Tau2Task task) {
        return task.phoneNumber()
                .orElseThrow(() -> new IllegalArgumentException("task " + task.id() + " names no customer phone"));
    }
}
