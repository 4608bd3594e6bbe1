package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.Steps.CONFIRM;
import static dev.switchboard.account.flow.Steps.DECLINE;
import static dev.switchboard.account.flow.Steps.again;
import static dev.switchboard.account.flow.Steps.ask;
import static dev.switchboard.account.flow.Steps.end;
import static dev.switchboard.account.flow.Steps.match;
import static dev.switchboard.account.flow.Steps.requestId;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.AccountBill;
import dev.switchboard.account.actions.AccountViews.AccountCustomer;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.PaymentRequest;
import dev.switchboard.account.actions.AccountViews.PaymentRequestRequest;
import dev.switchboard.account.actions.AccountViews.ResumptionRequest;
import dev.switchboard.account.actions.ActionRefusedException;
import dev.switchboard.account.flow.Check.Option;
import dev.switchboard.account.policy.Policy;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The guided flow for an overdue bill and a line suspended for it (main_policy.md "Overdue Bill Payment" and "Line
 * Suspension"), offline: it shows what is overdue, sends a payment request for it when the customer asks, takes the
 * payment with a method on file once the customer confirmed the amount, and then resumes each suspended line the
 * policy lets it resume (quoted and confirmed too). Everything goes through {@link AccountTools} as the signed-in
 * customer: the policy decides, each action is audited, and each write names its turn.
 */
@Component
class OverdueBill extends AccountFlow {

    static final String NAME = "overdue-bill";

    OverdueBill(AccountTools tools) {
        super(NAME, tools);
    }

    @Override
    public Mono<Step> start(Turn turn) {
        return forCustomer(turn, "your bills", state -> review(turn, state, ""));
    }

    @Override
    public Mono<Step> next(Turn turn, FlowState state) {
        return switch (state.step()) {
            case "offer:payment" -> Steps.yesOrNo(turn, state, List.of(CONFIRM, DECLINE),
                    "Shall I send you the payment request?", () -> requestPayment(turn, state),
                    () -> end(state, "All right, I have not sent a payment request. The bill stays overdue.", null));
            case "method" -> methods(turn, state).flatMap(methods -> match(turn, methods)
                    .map(method -> method == DECLINE ? end(state, "All right, the bill was not paid. Its payment "
                            + "request stays open for you to pay later.", null) : quotePayment(turn, state, method,
                                    methods))
                    .orElseGet(() -> Mono.just(again(state, "Which payment method on file shall pay it?",
                            methods))));
            case "confirm:pay" -> Steps.yesOrNo(turn, state, List.of(CONFIRM, DECLINE), "Shall I pay it?",
                    () -> pay(turn, state), () -> end(state, "All right, the bill was not paid.", null));
            case "confirm:resume" -> Steps.yesOrNo(turn, state, List.of(CONFIRM, DECLINE),
                    "Shall I resume the line?", () -> resume(turn, state),
                    () -> end(state, "All right, the line stays suspended.", null));
            default -> throw new IllegalStateException("unknown step " + state.step());
        };
    }

    /**
     * What is left to do, in the policy's order: a bill awaiting payment is paid, else an overdue bill gets a payment
     * request, else a suspended line is resumed; with nothing left, the flow ends.
     */
    private Mono<Step> review(Turn turn, FlowState state, String before) {
        // one after the other: the reads share the turn's connections
        return tools.bills(turn.caller(), null, state.customerId(), 100)
                .zipWhen(bills -> suspendedLines(turn, state))
                .flatMap(found -> {
                    List<AccountBill> bills = found.getT1();
                    List<AccountLine> suspended = found.getT2();
                    Optional<AccountBill> awaiting = bills.stream()
                            .filter(bill -> Policy.AWAITING_PAYMENT.equals(bill.status())).findFirst();
                    if (awaiting.isPresent()) {
                        return askMethod(turn, state.pending("method", null, awaiting.get().billId()),
                                before + "Bill " + awaiting.get().billId() + " (" + awaiting.get().totalDue()
                                        + " USD) has a payment request waiting. ");
                    }
                    Optional<AccountBill> overdue = bills.stream()
                            .filter(bill -> Policy.OVERDUE.equals(bill.status())).findFirst();
                    if (overdue.isPresent()) {
                        AccountBill bill = overdue.get();
                        return Mono.just(ask(state.pending("offer:payment", null, bill.billId()), before + "Bill "
                                + bill.billId() + " for " + bill.periodStart() + " to " + bill.periodEnd() + ", "
                                + bill.totalDue() + " USD, was due on " + bill.dueDate() + " and is overdue."
                                + suspendedText(suspended) + " Shall I send you a payment request for it? You can "
                                + "then pay it here with a payment method on file.", List.of(CONFIRM, DECLINE)));
                    }
                    if (!suspended.isEmpty()) {
                        return quoteResumption(turn, state, suspended.get(0), before);
                    }
                    return end(state, before + (before.isEmpty() ? "You have no overdue bill and no suspended line, "
                            + "so there is nothing to pay or lift." : "Nothing else is overdue or suspended."), null);
                });
    }

    private Mono<List<AccountLine>> suspendedLines(Turn turn, FlowState state) {
        return tools.customer(turn.caller(), null, state.customerId())
                .flatMapMany(customer -> Flux.fromIterable(customer.lineIds()))
                .concatMap(lineId -> tools.line(turn.caller(), null, state.customerId(), lineId))
                .filter(line -> Policy.SUSPENDED.equals(line.status())).collectList();
    }

    private static String suspendedText(List<AccountLine> suspended) {
        if (suspended.isEmpty()) {
            return "";
        }
        List<String> numbers = suspended.stream().map(AccountLine::phoneNumber).toList();
        return (numbers.size() == 1 ? " Your line " + numbers.get(0) + " is suspended."
                : " Your lines " + String.join(", ", numbers) + " are suspended.")
                + " A suspension is lifted once every overdue bill is paid.";
    }

    private Mono<Step> requestPayment(Turn turn, FlowState state) {
        return tools.requestPayment(turn.caller(), null, state.customerId(), state.amount(),
                        new PaymentRequestRequest(requestId(turn, "send_payment_request")))
                .flatMap(sent -> askMethod(turn, state.at("method"), "I have sent you a payment request for bill "
                        + state.amount() + ". ").map(step -> step.withAction(sent.actionId())))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, state,
                        "I could not send the payment request (" + refused.getMessage() + ")."));
    }

    /** The customer's payment methods on file as options ({@code method:<last 4 digits>}), and declining. */
    private Mono<List<Option>> methods(Turn turn, FlowState state) {
        return tools.customer(turn.caller(), null, state.customerId()).map(OverdueBill::methodOptions);
    }

    private static List<Option> methodOptions(AccountCustomer customer) {
        return Stream.concat(customer.paymentMethods().stream().map(method -> new Option(
                        "method:" + method.accountNumberLast4(), method.methodType() + " ending in "
                                + method.accountNumberLast4() + " (expires " + method.expirationDate() + ")")),
                Stream.of(DECLINE)).toList();
    }

    private Mono<Step> askMethod(Turn turn, FlowState state, String before) {
        return methods(turn, state).map(methods -> ask(state, before + "Which payment method on file shall pay it?",
                methods));
    }

    /** The payment quoted for the customer to confirm its amount; a method the policy refuses is asked again. */
    private Mono<Step> quotePayment(Turn turn, FlowState state, Option method, List<Option> methods) {
        String last4 = method.id().substring("method:".length());
        String billId = state.amount();
        return tools.pay(turn.caller(), null, state.customerId(), billId,
                        new PaymentRequest(requestId(turn, "make_payment"), last4, null))
                .flatMap(quote -> {
                    state.facts().put("method", last4);
                    return Steps.quoted(state, "pay", billId, "", quote);
                })
                .onErrorResume(ActionRefusedException.class, refused -> Mono.just(ask(state, "I cannot use that "
                        + "payment method: " + refused.getMessage() + ". Which payment method on file shall pay it?",
                        methods)));
    }

    private Mono<Step> pay(Turn turn, FlowState state) {
        FlowState after = state.pending(state.step(), null, null);
        return tools.pay(turn.caller(), null, state.customerId(), state.amount(),
                        new PaymentRequest(requestId(turn, "make_payment"), state.fact("method"),
                                state.confirmation()))
                .flatMap(paid -> review(turn, after, "Done: " + paid.detail() + ". ")
                        .map(step -> step.withAction(paid.actionId())))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, after,
                        "I could not take the payment (" + refused.getMessage() + ")."));
    }

    /** A suspended line's resumption quoted, when the policy allows it; a person when it does not. */
    private Mono<Step> quoteResumption(Turn turn, FlowState state, AccountLine line, String before) {
        FlowState onLine = state.withCustomer(state.customerId(), line.lineId());
        String suspended = before + "Your line " + line.phoneNumber() + " is suspended.";
        return tools.resume(turn.caller(), null, state.customerId(), line.lineId(),
                        // the line in the id: a turn that resumed one line may quote the next one
                        new ResumptionRequest(requestId(turn, "resume_line:" + line.lineId()), null))
                .flatMap(quote -> Steps.quoted(onLine, "resume", null, suspended, quote))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, onLine, suspended
                        + " I cannot lift the suspension here (" + refused.getMessage() + ")."));
    }

    private Mono<Step> resume(Turn turn, FlowState state) {
        FlowState after = state.pending(state.step(), null, null);
        return tools.resume(turn.caller(), null, state.customerId(), state.lineId(),
                        new ResumptionRequest(requestId(turn, "resume_line:" + state.lineId()),
                                state.confirmation()))
                .flatMap(resumed -> review(turn, after, "Done: " + resumed.detail() + ". ")
                        .map(step -> step.withAction(resumed.actionId())))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, after,
                        "I could not resume the line (" + refused.getMessage() + ")."));
    }

    @Override
    String summary(FlowState state) {
        return "Overdue bill and suspended line (bill " + state.amount() + ", line " + state.lineId() + ")";
    }
}
