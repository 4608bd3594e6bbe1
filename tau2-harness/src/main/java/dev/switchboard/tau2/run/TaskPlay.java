package dev.switchboard.tau2.run;

import dev.switchboard.tau2.check.EndStateChecker;
import dev.switchboard.tau2.check.TaskVerdict;
import dev.switchboard.tau2.device.PaymentRequest;
import dev.switchboard.tau2.device.Phone;
import dev.switchboard.tau2.run.ChatTransport.Option;
import dev.switchboard.tau2.run.ChatTransport.Reply;
import dev.switchboard.tau2.task.Arguments;
import dev.switchboard.tau2.task.Side;
import dev.switchboard.tau2.task.Tau2Task;
import dev.switchboard.tau2.task.Tau2Task.EnvCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One task played: the phone set up as the task's initial state says (the account's side by {@code accountSetup}),
 * the conversation held by the {@link SimulatedCustomer} until the flow stops asking (or a turn limit), the phone
 * synced with the account after every reply (the agent may have acted on it), then the end state checked.
 */
public final class TaskPlay {

    /** The longest conversation a task may take: the flow asks one thing a turn. */
    static final int MAX_TURNS = 60;

    /** What happened: the verdict, the conversation's transcript, and why it stopped. */
    public record Outcome(TaskVerdict verdict, List<String> transcript, String stopped) {
    }

    private final ChatTransport chat;
    private final EndStateChecker checker;
    private final Consumer<EnvCall> accountSetup;
    private final Consumer<String> payBill;

    /**
     * @param accountSetup applies an initial-state call of the agent's side, or throws when it cannot
     * @param payBill pays a bill (by id) as the customer, when they pay the payment request on their phone
     */
    public TaskPlay(ChatTransport chat, EndStateChecker checker, Consumer<EnvCall> accountSetup,
            Consumer<String> payBill) {
        this.chat = chat;
        this.checker = checker;
        this.accountSetup = accountSetup;
        this.payBill = payBill;
    }

    public Outcome play(Tau2Task task) {
        Phone phone = new Phone();
        for (EnvCall call : task.initialActions()) {
            if (call.side() == Side.USER) {
                phone.call(call.function(), call.arguments());
            } else {
                // as τ² syncs the phone after every tool call: a network search that follows sees the line as set up
                accountSetup.accept(call);
                checker.sync(task, phone);
            }
        }
        checker.sync(task, phone);
        SimulatedCustomer customer = new SimulatedCustomer(task, phone);
        List<String> transcript = new ArrayList<>();
        String said = customer.opening();
        String choice = null;
        String conversation = null;
        String stopped = "turn limit (" + MAX_TURNS + ")";
        for (int turn = 0; turn < MAX_TURNS; turn++) {
            transcript.add("customer: " + said + (choice == null ? "" : " [" + choice + "]"));
            Reply reply = chat.send(conversation, said, choice);
            conversation = reply.conversationId();
            transcript.add(reply.source() + ": " + reply.content());
            checker.sync(task, phone);
            Optional<Option> answer = customer.answer(reply);
            if (answer.isEmpty()) {
                stopped = reply.suggestions().isEmpty() ? "the flow ended" : "no option the customer would pick";
                break;
            }
            if (answer.get().id().equals(SimulatedCustomer.PAID)) {
                pay(task, phone);
            }
            said = answer.get().label();
            choice = answer.get().id();
        }
        return new Outcome(checker.check(task, phone), transcript, stopped);
    }

    /** τ²'s make_payment on the phone, and the bill paid in the account, before the customer says they paid. */
    private void pay(Tau2Task task, Phone phone) {
        PaymentRequest request = phone.surroundings().paymentRequest();
        if (request != null && !request.paid()) {
            phone.call("make_payment", Arguments.none());
            payBill.accept(request.billId());
            checker.sync(task, phone);
        }
    }
}
