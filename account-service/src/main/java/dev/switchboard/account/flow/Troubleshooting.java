package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.Steps.CONFIRM;
import static dev.switchboard.account.flow.Steps.DECLINE;
import static dev.switchboard.account.flow.Steps.again;
import static dev.switchboard.account.flow.Steps.ask;
import static dev.switchboard.account.flow.Steps.end;
import static dev.switchboard.account.flow.Steps.match;
import static dev.switchboard.account.flow.Steps.requestId;

import dev.switchboard.account.AccountProperties;
import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.AccountBill;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.AccountViews.PaymentRequestRequest;
import dev.switchboard.account.actions.AccountViews.RefuelRequest;
import dev.switchboard.account.actions.AccountViews.ResumptionRequest;
import dev.switchboard.account.actions.AccountViews.RoamingRequest;
import dev.switchboard.account.actions.ActionRefusedException;
import dev.switchboard.account.flow.Check.Option;
import dev.switchboard.account.policy.Policy;
import dev.switchboard.account.policy.Rule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The guided flow for a phone with no service, mobile data that fails or is slow, or picture messages that do not
 * send: the tech-support workflow of tau2 telecom, one question a turn, offline. The customer is the signed-in one
 * (their token's customer, the identity check); the account's part — a suspended line and its overdue bill, roaming
 * on the line, the data allowance and a refuel — goes through {@link AccountTools} as that customer, so the policy
 * decides, every action is audited, and each write names the turn it was asked in (its request id), so a redelivered
 * turn never applies it twice. A write that costs money or changes service is quoted first and applied only after the
 * customer confirms the quote. What the flow cannot fix it hands to a person (transfer_to_human_agents).
 */
@Component
class Troubleshooting implements GuidedFlow {

    static final String NAME = "phone-troubleshooting";

    static final Option PAID = new Option("paid", "I have paid it");
    static final List<Option> PROBLEMS = List.of(new Option("no_service", "No service or no signal"),
            new Option("mobile_data", "Mobile data is slow or not working"),
            new Option("mms", "Picture messages (MMS) do not send"));

    /** Each problem's test (asked first and after every fix) and the checks that may follow, in the manual's order. */
    private static final Map<String, Check> TEST = Map.of("no_service", Check.SIGNAL, "mobile_data", Check.SPEED,
            "mms", Check.MMS);
    private static final List<Check> ORDER = List.of(Check.SIGNAL, Check.AIRPLANE, Check.SIM, Check.APN,
            Check.SUSPENSION, Check.SPEED, Check.ABROAD, Check.ROAMING, Check.LINE_ROAMING, Check.MOBILE_DATA,
            Check.DATA_USAGE, Check.DATA_SAVER, Check.NETWORK_MODE, Check.VPN, Check.WIFI_CALLING,
            Check.SMS_PERMISSION, Check.STORAGE_PERMISSION, Check.APN_MMS);
    private static final Set<String> SOLVED = Set.of("signal:yes", "speed:excellent", "mms:yes");

    private final AccountTools tools;
    private final Clock businessClock;

    Troubleshooting(AccountTools tools, AccountProperties properties) {
        this.tools = tools;
        this.businessClock = properties.businessClock();
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The first turn: the identity check (the sign-in's own account), then which line it is about. */
    @Override
    public Mono<Step> start(Turn turn) {
        return Steps.askLine(tools, turn,
                "I can help you check your phone step by step. Which of your lines is it about?",
                (state, why) -> transfer(turn, state, why));
    }

    /** A later turn: the answer to the question {@code state.step()} asked. */
    @Override
    public Mono<Step> next(Turn turn, FlowState state) {
        String step = state.step();
        if (step.equals("line")) {
            return Steps.lineChosen(tools, turn, state, (chosen, line) -> Mono.just(ask(chosen.at("problem"),
                    "Thank you. What is the problem with " + line.label() + "?", PROBLEMS)));
        }
        if (step.equals("problem")) {
            Step chosen = match(turn, PROBLEMS).map(problem -> {
                        Check test = TEST.get(problem.id());
                        return ask(state.withProblem(problem.id()).at("test"), test.question(), test.options());
                    })
                    .orElseGet(() -> again(state, "What is the problem?", PROBLEMS));
            return Mono.just(chosen);
        }
        if (step.equals("test")) {
            Check test = TEST.get(state.problem());
            return match(turn, test.options()).map(answer -> tested(turn, state, answer))
                    .orElseGet(() -> Mono.just(again(state, test.question(), test.options())));
        }
        if (step.startsWith("ask:")) {
            Check check = Check.valueOf(step.substring(4));
            return match(turn, check.options()).map(answer -> answered(turn, state, check, answer))
                    .orElseGet(() -> Mono.just(again(state, check.question(), check.options())));
        }
        if (step.startsWith("fix:")) {
            String[] parts = step.split(":");
            Check check = Check.valueOf(parts[1]);
            int n = Integer.parseInt(parts[2]);
            Option fix = check.fixes().get(n);
            List<Option> options = List.of(fix, Check.CANNOT);
            return match(turn, options).map(answer -> answer == Check.CANNOT
                            ? transfer(turn, state, "You could not " + Check.instruction(fix)
                                    .replaceFirst("^(Now )?[Pp]lease ", "").toLowerCase(Locale.ROOT))
                            : fixed(turn, state, check, n))
                    .orElseGet(() -> Mono.just(again(state, Check.instruction(fix), options)));
        }
        return offered(turn, state);
    }

    // --- the phone's checks

    private Mono<Step> tested(Turn turn, FlowState state, Option answer) {
        Check test = TEST.get(state.problem());
        state.facts().put(test.factName(), value(answer));
        if (SOLVED.contains(answer.id())) {
            return end(state, state.done().isEmpty() ? "Good news: then there is nothing to fix. Glad to help!"
                    : "Great, that fixed it. Glad to help!", null);
        }
        // a failed retest after a fix: the answers that led here may have changed, so they are asked again
        for (String fact : List.of("signal", "speed")) {
            if (!fact.equals(test.factName()) && !"yes".equals(state.fact(fact))
                    && !"excellent".equals(state.fact(fact)) && state.facts().remove(fact) != null) {
                state.done().remove(fact.equals("signal") ? Check.SIGNAL.name() : Check.SPEED.name());
            }
        }
        return advance(turn, state, "");
    }

    private Mono<Step> answered(Turn turn, FlowState state, Check check, Option answer) {
        if (check.fact()) {
            state.facts().put(check.factName(), value(answer));
            state.done().add(check.name());
            return advance(turn, state, "");
        }
        if (answer.id().equals("sim:locked")) {
            return transfer(turn, state, "A SIM card locked with a PIN or PUK needs our technical support team.");
        }
        if (answer.id().equals(check.wrong())) {
            return Mono.just(fix(state, check, 0, ""));
        }
        state.done().add(check.name());
        return advance(turn, state, "");
    }

    private Step fix(FlowState state, Check check, int n, String before) {
        Option fix = check.fixes().get(n);
        return ask(state.at("fix:" + check.name() + ":" + n), before + Check.instruction(fix),
                List.of(fix, Check.CANNOT));
    }

    private Mono<Step> fixed(Turn turn, FlowState state, Check check, int n) {
        if (n + 1 < check.fixes().size()) {
            return Mono.just(fix(state, check, n + 1, "Thank you. "));
        }
        state.done().add(check.name());
        return retest(state, "Thank you. ");
    }

    private Mono<Step> retest(FlowState state, String before) {
        Check test = TEST.get(state.problem());
        return Mono.just(ask(state.at("test"), before + test.question(), test.options()));
    }

    /** The next check the answers so far call for, in the manual's order; a person when none is left. */
    private Mono<Step> advance(Turn turn, FlowState state, String before) {
        Optional<Check> next = ORDER.stream()
                .filter(check -> !state.done().contains(check.name()) && applies(check, state)).findFirst();
        if (next.isEmpty()) {
            return transfer(turn, state, before + "We have tried every step I can guide you through.");
        }
        Check check = next.get();
        if (check.onAccount()) {
            return onAccount(turn, state, check);
        }
        if (check.question() == null) {
            return Mono.just(fix(state, check, 0, before));
        }
        return Mono.just(ask(state.at("ask:" + check.name()), before + check.question(), check.options()));
    }

    /** Which checks this problem and what the customer reported call for (tech_support_workflow.md's paths). */
    private static boolean applies(Check check, FlowState state) {
        String problem = state.problem();
        boolean noSignal = "no".equals(state.fact("signal"));
        boolean noData = "none".equals(state.fact("speed"));
        boolean slow = "slow".equals(state.fact("speed"));
        boolean abroad = "yes".equals(state.fact("abroad"));
        return switch (check) {
            case SIGNAL -> !problem.equals("no_service") && (problem.equals("mms") || noData);
            case AIRPLANE, SIM, APN, SUSPENSION -> noSignal;
            case SPEED -> problem.equals("mms") && !noSignal;
            case ABROAD, MOBILE_DATA, DATA_USAGE -> noData && !noSignal;
            case ROAMING, LINE_ROAMING -> noData && abroad && !noSignal;
            case DATA_SAVER, VPN -> problem.equals("mobile_data") && slow;
            case NETWORK_MODE -> (problem.equals("mobile_data") && slow) || (problem.equals("mms") && !noSignal);
            case WIFI_CALLING, SMS_PERMISSION, STORAGE_PERMISSION, APN_MMS -> problem.equals("mms") && !noSignal;
            case MMS -> false;
        };
    }

    // --- the account's checks and writes

    private Mono<Step> onAccount(Turn turn, FlowState state, Check check) {
        state.done().add(check.name());
        return tools.line(turn.caller(), null, state.customerId(), state.lineId()).flatMap(line -> switch (check) {
            case SUSPENSION -> Policy.SUSPENDED.equals(line.status()) ? suspended(turn, state, line)
                    : advance(turn, state, "");
            case LINE_ROAMING -> line.roamingEnabled() ? advance(turn, state, "")
                    : quote(turn, state, "roaming", null, "Data roaming is not enabled on your line in our system.",
                            tools.roaming(turn.caller(), null, state.customerId(), state.lineId(),
                                    new RoamingRequest(requestId(turn, "enable_roaming"), true, null)));
            case DATA_USAGE -> exceeded(line) ? offerRefuel(state, line) : advance(turn, state, "");
            default -> throw new IllegalStateException(check + " is not an account check");
        });
    }

    private static boolean exceeded(AccountLine line) {
        return line.dataUsedGb().compareTo(line.plan().dataLimitGb().add(line.dataRefuelingGb())) >= 0;
    }

    private Mono<Step> offerRefuel(FlowState state, AccountLine line) {
        BigDecimal perGb = line.plan().dataRefuelingPricePerGb();
        List<Option> amounts = List.of(
                new Option("refuel:1", "1 GB for " + Policy.refuelPrice(perGb, BigDecimal.ONE) + " USD"),
                new Option("refuel:2", "2 GB for " + Policy.refuelPrice(perGb, BigDecimal.valueOf(2)) + " USD"), DECLINE);
        return Mono.just(ask(state.at("offer:refuel"), "You have used " + line.dataUsedGb().stripTrailingZeros()
                .toPlainString() + " GB of your " + line.plan().dataLimitGb().stripTrailingZeros().toPlainString()
                + " GB this month, so mobile data is paused. I can add up to 2 GB at " + perGb
                + " USD per GB. How much would you like?", amounts));
    }

    /**
     * A suspended line: resumed when the policy allows it, else its overdue bill paid first, else a person. A line
     * whose contract ended is never resumed (main_policy.md), so the customer is not asked to pay for nothing.
     */
    private Mono<Step> suspended(Turn turn, FlowState state, AccountLine line) {
        if (line.contractEndDate() != null && line.contractEndDate().isBefore(LocalDate.now(businessClock))) {
            return transfer(turn, state, "Your line is suspended and its contract ended on " + line.contractEndDate()
                    + ", so I cannot lift the suspension here.");
        }
        return tools.resume(turn.caller(), null, state.customerId(), line.lineId(),
                        new ResumptionRequest(requestId(turn, "resume_line"), null))
                .flatMap(quote -> Steps.quoted(state, "resume", null, "Your line is suspended.", quote))
                .onErrorResume(ActionRefusedException.class, refused -> refused.rule()
                        == Rule.RESUME_AFTER_OVERDUE_BILLS_PAID ? overdue(turn, state)
                        : transfer(turn, state, "Your line is suspended and I cannot lift the suspension here ("
                                + refused.getMessage() + ")."));
    }

    private Mono<Step> overdue(Turn turn, FlowState state) {
        return tools.bills(turn.caller(), null, state.customerId(), 100)
                .flatMap(bills -> bills.stream().filter(bill -> Policy.OVERDUE.equals(bill.status())
                                || Policy.AWAITING_PAYMENT.equals(bill.status())).findFirst()
                        .map(bill -> Mono.just(ask(state.pending(
                                        Policy.AWAITING_PAYMENT.equals(bill.status()) ? "paid" : "offer:payment",
                                        null, bill.billId()), overdueText(bill),
                                Policy.AWAITING_PAYMENT.equals(bill.status()) ? List.of(PAID, DECLINE)
                                        : List.of(CONFIRM, DECLINE))))
                        .orElseGet(() -> transfer(turn, state, "Your line is suspended and I cannot lift the "
                                + "suspension here.")));
    }

    private static String overdueText(AccountBill bill) {
        return Policy.AWAITING_PAYMENT.equals(bill.status())
                ? "Your line is suspended because bill " + bill.billId() + " (" + bill.totalDue() + " USD) is unpaid. "
                        + "A payment request for it is on your phone: please pay it, then tell me."
                : "Your line is suspended because bill " + bill.billId() + " (" + bill.totalDue() + " USD) is "
                        + "overdue. Shall I send a payment request for it to your phone?";
    }

    /** The answer to an offer, a quote to confirm, or a payment to make. */
    private Mono<Step> offered(Turn turn, FlowState state) {
        String step = state.step();
        if (step.equals("offer:refuel")) {
            List<Option> amounts = List.of(new Option("refuel:1", "1 GB"), new Option("refuel:2", "2 GB"), DECLINE);
            return match(turn, amounts).map(answer -> answer == DECLINE
                            ? transfer(turn, state, "You chose not to add data.")
                            : refuelQuote(turn, state, new BigDecimal(answer.id().substring("refuel:".length()))))
                    .orElseGet(() -> Mono.just(again(state, "How much data would you like to add?", amounts)));
        }
        if (step.equals("offer:payment")) {
            return yesOrNo(turn, state, List.of(CONFIRM, DECLINE), "Shall I send the payment request?",
                    () -> tools.requestPayment(turn.caller(), null, state.customerId(), state.amount(),
                                    new PaymentRequestRequest(requestId(turn, "send_payment_request")))
                            .map(sent -> new Step(state.at("paid"), "I have sent the payment request to your "
                                    + "phone. Please pay it there, then tell me.", List.of(PAID, DECLINE), false,
                                    sent.actionId()))
                            .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, state,
                                    "I could not send the payment request (" + refused.getMessage() + ").")));
        }
        if (step.equals("paid")) {
            return yesOrNo(turn, state, List.of(PAID, DECLINE), "Please tell me when you have paid the bill.",
                    () -> tools.line(turn.caller(), null, state.customerId(), state.lineId())
                            .flatMap(line -> suspended(turn, state, line)));
        }
        if (step.startsWith("confirm:")) {
            String kind = step.substring("confirm:".length());
            return yesOrNo(turn, state, List.of(CONFIRM, DECLINE), "Shall I go ahead?", () -> apply(turn, state, kind));
        }
        throw new IllegalStateException("unknown step " + step);
    }

    private Mono<Step> yesOrNo(Turn turn, FlowState state, List<Option> options, String question,
            Supplier<Mono<Step>> yes) {
        return Steps.yesOrNo(turn, state, options, question, yes,
                () -> transfer(turn, state, "You chose not to go ahead."));
    }

    private Mono<Step> refuelQuote(Turn turn, FlowState state, BigDecimal gigabytes) {
        return quote(turn, state, "refuel", gigabytes.toPlainString(), "",
                tools.refuel(turn.caller(), null, state.customerId(), state.lineId(),
                        new RefuelRequest(requestId(turn, "refuel_data"), gigabytes, null)));
    }

    private Mono<Step> quote(Turn turn, FlowState state, String kind, String amount, String before,
            Mono<ActionResult> asked) {
        return asked.flatMap(result -> Steps.quoted(state, kind, amount, before, result))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, state,
                        before + " I cannot change that here (" + refused.getMessage() + ")."));
    }

    /** The write the customer confirmed, with the quote's token. */
    private Mono<Step> apply(Turn turn, FlowState state, String kind) {
        Mono<ActionResult> applied = switch (kind) {
            case "refuel" -> tools.refuel(turn.caller(), null, state.customerId(), state.lineId(),
                    new RefuelRequest(requestId(turn, "refuel_data"), new BigDecimal(state.amount()),
                            state.confirmation()));
            case "roaming" -> tools.roaming(turn.caller(), null, state.customerId(), state.lineId(),
                    new RoamingRequest(requestId(turn, "enable_roaming"), true, state.confirmation()));
            case "resume" -> tools.resume(turn.caller(), null, state.customerId(), state.lineId(),
                    new ResumptionRequest(requestId(turn, "resume_line"), state.confirmation()));
            default -> throw new IllegalStateException("unknown write " + kind);
        };
        FlowState after = state.pending(state.step(), null, null);
        return applied.flatMap(result -> {
                    Mono<Step> next = kind.equals("resume")
                            ? Mono.just(fix(after, Check.APN, 1, "Done: your line is active again. "))
                            : retest(after, "Done: " + result.detail() + ". ");
                    return next.map(step -> step.withAction(result.actionId()));
                })
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, after,
                        "I could not do that (" + refused.getMessage() + ")."));
    }

    // --- answers, questions, the end

    /** A person takes over, with a summary of what was tried (transfer_to_human_agents, audited). */
    private Mono<Step> transfer(Turn turn, FlowState state, String why) {
        return Steps.transfer(tools, turn, state, why, "Phone troubleshooting (" + (state.problem() == null
                ? "not started" : state.problem()) + ", line " + state.lineId() + "): " + why + " Checked: "
                + String.join(", ", state.done()) + ".");
    }

    private static String value(Option answer) {
        return answer.id().substring(answer.id().lastIndexOf(':') + 1);
    }
}
