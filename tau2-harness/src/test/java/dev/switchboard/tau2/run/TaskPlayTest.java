package dev.switchboard.tau2.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.tau2.check.EndStateChecker;
import dev.switchboard.tau2.check.FakeAccount;
import dev.switchboard.tau2.device.Phone;
import dev.switchboard.tau2.run.ChatTransport.Option;
import dev.switchboard.tau2.run.ChatTransport.Reply;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Tasks;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The generic customer against a scripted chat that asks what the phone-troubleshooting flow asks: it answers from the
 * phone, does what it is asked on the phone, and the task's end state is then checked.
 */
class TaskPlayTest {

    static final List<Option> LINES = List.of(new Option("L1001", "555-123-2001"), new Option("L1002", "555-123-2002"));
    static final List<Option> PROBLEMS = List.of(new Option("no_service", "No service or no signal"),
            new Option("mobile_data", "Mobile data is slow or not working"),
            new Option("mms", "Picture messages (MMS) do not send"));
    static final List<Option> SIGNAL = List.of(new Option("signal:yes", "Yes, I have signal"),
            new Option("signal:no", "No signal or No Service"));

    /** A chat that answers each message with the next scripted reply, and records what the customer picked. */
    static final class ScriptedChat implements ChatTransport {

        final Deque<List<Option>> script;
        final List<String> choices = new ArrayList<>();
        final List<String> opening = new ArrayList<>();

        ScriptedChat(List<List<Option>> replies) {
            this.script = new ArrayDeque<>(replies);
        }

        @Override
        public Reply send(String conversationId, String content, String choice) {
            if (choice == null) {
                opening.add(content);
            } else {
                choices.add(choice);
            }
            List<Option> options = script.isEmpty() ? List.of() : script.pop();
            String question = options.isEmpty() ? "Great, that fixed it."
                    : options.stream().anyMatch(o -> o.id().equals("paid"))
                            ? "I have sent the payment request to your phone. Please pay it there, then tell me."
                            : "a question";
            return new Reply("c-1", question, "flow", options);
        }
    }

    static Tau2Task task(String id) {
        return Tau2Tasks.small().stream().filter(t -> t.id().startsWith(id)).findFirst().orElseThrow();
    }

    @Test
    void aCustomerWithAirplaneModeOnAnswersFromThePhoneTurnsItOffAndTheTaskPasses() {
        // Given the task whose phone is in airplane mode, and a chat asking what the flow asks
        ScriptedChat chat = new ScriptedChat(List.of(LINES, PROBLEMS, SIGNAL,
                List.of(new Option("airplane_mode:on", "Airplane mode is on"),
                        new Option("airplane_mode:off", "Airplane mode is off")),
                List.of(new Option("do:toggle_airplane_mode", "Done"), new Option("cannot", "I can't")), SIGNAL));

        // When the task is played
        TaskPlay.Outcome outcome = new TaskPlay(chat, new EndStateChecker(new FakeAccount()), call -> {
            throw new AssertionError("no account set-up expected");
        }, billId -> {
        }).play(task("[service_issue]airplane_mode_on"));

        // Then the customer said why they called, picked their line and problem, answered from the phone (no signal,
        // airplane mode on), turned it off, saw signal, and the end state holds
        assertThat(chat.opening).singleElement().asString().contains("My phone has been showing 'No Service'");
        assertThat(chat.choices).containsExactly("L1002", "no_service", "signal:no", "airplane_mode:on",
                "do:toggle_airplane_mode", "signal:yes");
        assertThat(outcome.stopped()).isEqualTo("the flow ended");
        assertThat(outcome.verdict().passed()).isTrue();
    }

    @Test
    void theCustomerTakesTheRefuelTheScenarioAllowsAndConfirmsItsPriceButNeverAPaymentItWasNotToldToAccept() {
        // Given a mobile-data customer willing to refuel 2 GB, and one of a no-service task
        SimulatedCustomer data = new SimulatedCustomer(task("[mobile_data_issue]data_usage_exceeded"), new Phone());
        SimulatedCustomer mms = new SimulatedCustomer(task("[mms_issue]bad_wifi_calling"), new Phone());
        List<Option> amounts = List.of(new Option("refuel:1", "1 GB for 2.00 USD"),
                new Option("refuel:2", "2 GB for 4.00 USD"), new Option("decline", "No, thanks"));
        List<Option> confirm = List.of(new Option("confirm", "Yes, go ahead"), new Option("decline", "No, thanks"));

        // When they are offered data, its price, and a payment request
        // Then they take 2 GB and confirm its price; the one not told to pay a bill declines paying it
        assertThat(data.answer(new Reply("c", "How much would you like?", "flow", amounts)))
                .map(Option::id).contains("refuel:2");
        assertThat(data.answer(new Reply("c", "I can do this: Refuel 2 GB of data on 555-123-2002 for 4.00 USD. "
                + "That is for 4.00 USD. Shall I go ahead?", "flow", confirm))).map(Option::id).contains("confirm");
        assertThat(mms.answer(new Reply("c", "Shall I send a payment request for it to your phone?", "flow",
                confirm))).map(Option::id).contains("decline");
    }

    @Test
    void aCustomerAskedToPayTheBillOnTheirPhonePaysItBeforeSayingSo() {
        // Given the overdue-bill task, whose bill already awaits payment (the flow sent the request)
        FakeAccount account = new FakeAccount();
        account.setLine("Suspended", new java.math.BigDecimal("8.7"), java.math.BigDecimal.ZERO, true);
        account.setBill("B1234321", "Awaiting Payment");
        List<String> paid = new ArrayList<>();
        ScriptedChat chat = new ScriptedChat(List.of(List.of(new Option("paid", "I have paid it"),
                new Option("decline", "No, thanks"))));

        // When the flow asks her to pay
        new TaskPlay(chat, new EndStateChecker(account), call -> {
        }, paid::add).play(task("[service_issue]overdue_bill_suspension"));

        // Then she paid that bill, and only then said so
        assertThat(paid).containsExactly("B1234321");
        assertThat(chat.choices).containsExactly("paid");
    }

    @Test
    void aSimTakenOutIsReportedMissingAndALockedOneLocked() {
        // Given the phones of the unseated and the PIN-locked SIM tasks, as their initial states leave them
        List<Option> sim = List.of(new Option("sim:active", "The SIM is active"),
                new Option("sim:missing", "The SIM is missing"), new Option("sim:locked", "The SIM is locked"));
        Reply asked = new Reply("c", "Please check your SIM card's status", "flow", sim);

        // When each is asked for the SIM's status, Then each answers what its phone shows
        assertThat(customerOf("[service_issue]unseat_sim_card").answer(asked)).map(Option::id).contains("sim:missing");
        assertThat(customerOf("[service_issue]lock_sim_card_pin").answer(asked)).map(Option::id).contains("sim:locked");
    }

    private static SimulatedCustomer customerOf(String taskId) {
        Tau2Task task = task(taskId);
        Phone phone = new Phone();
        task.initialActions().stream().filter(call -> call.side() == dev.switchboard.tau2.task.Side.USER)
                .forEach(call -> phone.call(call.function(), call.arguments()));
        return new SimulatedCustomer(task, phone);
    }

    @Test
    void aSlowPhoneIsAnsweredFromItsSpeedTestAndItsSettingsAndTheTaskPasses() {
        // Given the task with data saver on
        ScriptedChat chat = new ScriptedChat(List.of(LINES, PROBLEMS,
                List.of(new Option("speed:none", "No connection"), new Option("speed:slow", "Poor, fair or good"),
                        new Option("speed:excellent", "Excellent")),
                List.of(new Option("data_saver:on", "Data Saver is on"), new Option("data_saver:off", "Off")),
                List.of(new Option("do:toggle_data_saver_mode", "Done"), new Option("cannot", "I can't")),
                List.of(new Option("speed:none", "No connection"), new Option("speed:slow", "Poor, fair or good"),
                        new Option("speed:excellent", "Excellent"))));

        // When it is played
        TaskPlay.Outcome outcome = new TaskPlay(chat, new EndStateChecker(new FakeAccount()), call -> {
        }, billId -> {
        }).play(task("[mobile_data_issue]data_saver_mode_on"));

        // Then the customer reports the slow speed, data saver on, turns it off and the speed is excellent
        assertThat(chat.choices).containsExactly("L1002", "mobile_data", "speed:slow", "data_saver:on",
                "do:toggle_data_saver_mode", "speed:excellent");
        assertThat(outcome.verdict().passed()).isTrue();
    }
}
