package dev.switchboard.tau2.check;

import dev.switchboard.tau2.task.Tau2Task.EnvAssertion;
import java.util.List;

/**
 * The end state of one task, checked: each assertion with what it answered ({@code null} when it could not be
 * evaluated, {@code detail} says why). {@code unchecked} names the task's reward bases that are not checked here
 * (τ²'s {@code ACTION}: the actions taken compared with the reference solution's).
 */
public record TaskVerdict(String taskId, List<AssertionResult> results, List<String> unchecked) {

    public TaskVerdict {
        results = List.copyOf(results);
        unchecked = List.copyOf(unchecked);
    }

    /** Whether every end-state assertion answered what the task expects. */
    public boolean passed() {
        return results.stream().allMatch(AssertionResult::passed);
    }

    public record AssertionResult(EnvAssertion assertion, Boolean answer, String detail) {

        public boolean passed() {
            return answer != null && answer == assertion.expected();
        }
    }
}
