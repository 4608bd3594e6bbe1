package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.Steps.CONFIRM;
import static dev.switchboard.account.flow.Steps.DECLINE;
import static dev.switchboard.account.flow.Steps.again;
import static dev.switchboard.account.flow.Steps.ask;
import static dev.switchboard.account.flow.Steps.end;
import static dev.switchboard.account.flow.Steps.gb;
import static dev.switchboard.account.flow.Steps.match;
import static dev.switchboard.account.flow.Steps.requestId;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.AccountLine;
import dev.switchboard.account.actions.AccountViews.RefuelRequest;
import dev.switchboard.account.actions.ActionRefusedException;
import dev.switchboard.account.flow.Check.Option;
import dev.switchboard.account.policy.Policy;
import dev.switchboard.account.policy.Rule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The guided flow for a customer who ran out of data (main_policy.md "Data Refueling"), offline: which line, its data
 * used against the plan's allowance, the price of the amount the customer chooses (a button, or typed: "1.5 GB"), and
 * the refuel once they confirm that price. The policy's maximum is the policy's: a larger amount is refused by
 * {@link AccountTools} (audited) and the customer is asked again.
 */
@Component
class DataRefuel extends AccountFlow {

    static final String NAME = "data-refuel";

    /** A typed amount: "3", "1.5 GB", "2gb", "2 gigs". */
    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:[.,]\\d+)?)\\s*(?:gb|gigs?|gigabytes?)?\\b");

    DataRefuel(AccountTools tools) {
        super(NAME, tools);
    }

    @Override
    public Mono<Step> start(Turn turn) {
        return Steps.askLine(tools, turn, "I can add data to one of your lines. Which line is it for?",
                (state, why) -> transfer(turn, state, why));
    }

    @Override
    public Mono<Step> next(Turn turn, FlowState state) {
        return switch (state.step()) {
            case "line" -> Steps.lineChosen(tools, turn, state, (chosen, line) -> usage(turn, chosen));
            case "amount" -> tools.line(turn.caller(), null, state.customerId(), state.lineId()).flatMap(line -> {
                List<Option> amounts = amounts(line);
                Optional<Option> picked = match(turn, amounts);
                if (picked.filter(option -> option == DECLINE).isPresent()) {
                    return end(state, "All right, no data was added.", null);
                }
                return picked.map(option -> new BigDecimal(option.id().substring("refuel:".length())))
                        .or(() -> typed(turn.text()))
                        .map(gigabytes -> quote(turn, state, gigabytes, amounts))
                        .orElseGet(() -> Mono.just(again(state, "How much data would you like to add?", amounts)));
            });
            case "confirm:refuel" -> Steps.yesOrNo(turn, state, List.of(CONFIRM, DECLINE), "Shall I add the data?",
                    () -> refuel(turn, state), () -> end(state, "All right, no data was added.", null));
            default -> throw new IllegalStateException("unknown step " + state.step());
        };
    }

    /** The line's data used and allowance, the price per GB, and the amounts to choose from. */
    private Mono<Step> usage(Turn turn, FlowState state) {
        return tools.line(turn.caller(), null, state.customerId(), state.lineId()).map(line -> ask(state.at("amount"),
                "Line " + line.phoneNumber() + " (" + line.plan().name() + ") has used " + gb(line.dataUsedGb())
                        + " GB of its " + gb(line.plan().dataLimitGb()) + " GB this month"
                        + (line.dataRefuelingGb().signum() > 0 ? ", with " + gb(line.dataRefuelingGb())
                                + " GB added already" : "") + ". Extra data costs "
                        + line.plan().dataRefuelingPricePerGb() + " USD per GB, up to " + gb(Policy.MAX_REFUEL_GB)
                        + " GB at a time. How much would you like to add?", amounts(line)));
    }

    private static List<Option> amounts(AccountLine line) {
        BigDecimal perGb = line.plan().dataRefuelingPricePerGb();
        return List.of(new Option("refuel:1", "1 GB for " + Policy.refuelPrice(perGb, BigDecimal.ONE) + " USD"),
                new Option("refuel:2", "2 GB for " + Policy.refuelPrice(perGb, BigDecimal.valueOf(2)) + " USD"),
                DECLINE);
    }

    private static Optional<BigDecimal> typed(String text) {
        Matcher found = AMOUNT.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        return found.find() ? Optional.of(new BigDecimal(found.group(1).replace(',', '.'))) : Optional.empty();
    }

    /** The amount's price quoted for the customer to confirm; an amount the policy refuses is asked again. */
    private Mono<Step> quote(Turn turn, FlowState state, BigDecimal gigabytes, List<Option> amounts) {
        return tools.refuel(turn.caller(), null, state.customerId(), state.lineId(),
                        new RefuelRequest(requestId(turn, "refuel_data"), gigabytes, null))
                .flatMap(quote -> Steps.quoted(state, "refuel", gigabytes.toPlainString(), "", quote))
                .onErrorResume(ActionRefusedException.class, refused -> refused.rule() == Rule.REFUEL_AT_MOST_2_GB
                        ? Mono.just(ask(state, "I cannot add " + gb(gigabytes) + " GB: " + refused.getMessage()
                                + ". How much would you like to add?", amounts))
                        : transfer(turn, state, "I cannot add data to this line (" + refused.getMessage() + ")."));
    }

    private Mono<Step> refuel(Turn turn, FlowState state) {
        FlowState after = state.pending(state.step(), null, state.amount());
        return tools.refuel(turn.caller(), null, state.customerId(), state.lineId(),
                        new RefuelRequest(requestId(turn, "refuel_data"), new BigDecimal(state.amount()),
                                state.confirmation()))
                .flatMap(done -> end(after, "Done: " + done.detail() + ". Your mobile data works again; you may "
                        + "need to turn mobile data off and on once.", done.actionId()))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, after,
                        "I could not add the data (" + refused.getMessage() + ")."));
    }

    @Override
    String summary(FlowState state) {
        return "Data refuel (line " + state.lineId() + ", " + state.amount() + " GB)";
    }
}
