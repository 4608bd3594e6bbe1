package dev.switchboard.tau2.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import dev.switchboard.tau2.check.TaskVerdict.AssertionResult;
import dev.switchboard.tau2.device.Phone;
import dev.switchboard.tau2.task.Arguments;
import dev.switchboard.tau2.task.Side;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Task.EnvAssertion;
import dev.switchboard.tau2.task.Tau2Task.EnvCall;
import dev.switchboard.tau2.task.Tau2Task.ExpectedAction;
import dev.switchboard.tau2.task.Tau2Tasks;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments.ArgumentSet;
import org.junit.jupiter.params.provider.MethodSource;

class EndStateCheckerTest {

    private final FakeAccount account = new FakeAccount();
    private final EndStateChecker checker = new EndStateChecker(account);

    /** The tasks whose setup and reference solution are on the phone alone. */
    static Stream<ArgumentSet> phoneOnlyTasks() {
        return Tau2Tasks.small().stream()
                .filter(task -> task.initialActions().stream().allMatch(call -> call.side() == Side.USER))
                .filter(task -> !task.expectedActions().isEmpty())
                .filter(task -> task.expectedActions().stream().allMatch(action -> action.requestor().equals("user")))
                .map(task -> argumentSet(task.id(), task));
    }

    @ParameterizedTest
    @MethodSource("phoneOnlyTasks")
    void theReferenceSolutionTurnsTheEndStateFromFailedToPassed(Tau2Task task) {
        // Given the phone as the task's initial state leaves it
        Phone phone = phoneAsTaskStarts(task);

        // When it is checked before anything is done, then the task fails
        assertThat(checker.check(task, phone).passed()).as("%s before the solution", task.id()).isFalse();

        // When the customer does what τ²'s reference solution does, then every end-state assertion passes
        for (ExpectedAction action : task.expectedActions()) {
            phone.call(action.name(), action.arguments());
        }
        TaskVerdict verdict = checker.check(task, phone);
        assertThat(verdict.results()).as(task.id()).allMatch(AssertionResult::passed);
        assertThat(verdict.passed()).isTrue();
    }

    @Test
    void thePhoneHasEveryFunctionTheTasksName() {
        for (Tau2Task task : Tau2Tasks.small()) {
            // When the user side of the task's initial state runs, then the customer's actions of the reference
            // solution, then the phone's assertions: then the phone knows every one of them
            assertThatCode(() -> {
                Phone phone = phoneAsTaskStarts(task);
                task.expectedActions().stream().filter(action -> action.requestor().equals("user"))
                        .forEach(action -> phone.call(action.name(), action.arguments()));
                task.assertions().stream().filter(assertion -> assertion.side() == Side.USER)
                        .forEach(assertion -> phone.check(assertion.function(), assertion.arguments()));
            }).as(task.id()).doesNotThrowAnyException();
        }
    }

    @Test
    void anOverdueBillIsPaidAndTheLineResumedThroughTheAccount() {
        // Given overdue_bill_suspension: the line suspended for the overdue bill B1234321 (the account's side of the
        // initial state) and the phone rebooted onto it
        Tau2Task task = task("[service_issue]overdue_bill_suspension[PERSONA:Easy]");
        account.setLine("Suspended", new BigDecimal("8.7"), BigDecimal.ZERO, true);
        account.setBill("B1234321", "Overdue");
        Phone phone = phoneAsTaskStarts(task);
        checker.sync(task, phone);
        phone.call("reboot_device", Arguments.none());

        // Then both the phone (no service) and the account (a bill overdue) fail the task
        TaskVerdict before = checker.check(task, phone);
        assertThat(before.results()).extracting(AssertionResult::answer).containsExactly(false, false);

        // When the agent asks for the payment, the customer pays it, the agent resumes the line and the phone reboots
        account.setBill("B1234321", "Awaiting Payment");
        checker.sync(task, phone);
        assertThat(phone.call("make_payment", Arguments.none()))
                .isEqualTo("Payment of 65.0 USD has been made for bill B1234321.");
        account.setBill("B1234321", "Paid");
        account.setLine("Active", new BigDecimal("8.7"), BigDecimal.ZERO, true);
        checker.sync(task, phone);
        phone.call("reboot_device", Arguments.none());

        // Then the task passes, and the phone holds no payment request any more
        assertThat(checker.check(task, phone).passed()).isTrue();
        assertThat(phone.surroundings().paymentRequest()).isNull();
    }

    @Test
    void aRefuelCountsOnTheAccountAndOnThePhone() {
        // Given data_usage_exceeded: 15.1 GB used of 10 GB (the account's side of the initial state)
        Tau2Task task = task("[mobile_data_issue]data_usage_exceeded[PERSONA:Easy]");
        account.setLine("Active", new BigDecimal("15.1"), BigDecimal.ZERO, true);
        Phone phone = phoneAsTaskStarts(task);

        // Then nothing works yet: no data, no excellent speed, no refuel
        assertThat(checker.check(task, phone).results()).extracting(AssertionResult::answer)
                .containsExactly(false, false, false);

        // When the agent refuels 2 GB: 15.1 GB used is still more than 10 + 2, so only the refuel assertion passes
        account.setLine("Active", new BigDecimal("15.1"), new BigDecimal("2.0"), true);
        assertThat(checker.check(task, phone).results()).extracting(AssertionResult::answer)
                .containsExactly(false, false, true);

        // When the allowance and refuel exceed what is used, then the task passes
        account.setLine("Active", new BigDecimal("11.0"), new BigDecimal("2.0"), true);
        assertThat(checker.check(task, phone).passed()).isTrue();
    }

    @Test
    void anAssertionItCannotEvaluateFailsTheTaskAndSaysWhy() {
        // Given a task expecting an assertion neither side has
        EnvAssertion unknown = new EnvAssertion(Side.ASSISTANT, "assert_plan", Arguments.none(),
                true, null);
        Tau2Task task = new Tau2Task("t", null, null, null, List.of(new EnvCall(Side.USER, "set_user_info",
                Arguments.of(Map.of("name", "John Smith", "phone_number",
                        FakeAccount.PHONE)))), List.of(unknown), List.of(), List.of("ENV_ASSERTION", "ACTION"));

        // When it is checked
        TaskVerdict verdict = checker.check(task, phoneAsTaskStarts(task));

        // Then it fails with the reason, and says that the actions were not compared
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.results()).singleElement().satisfies(result -> {
            assertThat(result.answer()).isNull();
            assertThat(result.detail()).isEqualTo("the account has no assertion 'assert_plan'");
        });
        assertThat(verdict.unchecked()).containsExactly("ACTION");
    }

    private static Tau2Task task(String id) {
        return Tau2Tasks.small().stream().filter(task -> task.id().equals(id)).findFirst().orElseThrow();
    }

    /** A phone after the user side of the task's initial state (the account's side is set on the fake). */
    private static Phone phoneAsTaskStarts(Tau2Task task) {
        Phone phone = new Phone();
        task.initialActions().stream().filter(call -> call.side() == Side.USER)
                .forEach(call -> phone.call(call.function(), call.arguments()));
        return phone;
    }
}
