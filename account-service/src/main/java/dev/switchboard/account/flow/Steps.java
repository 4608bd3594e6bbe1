package dev.switchboard.account.flow;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.ActionResult;
import dev.switchboard.account.actions.ActionRefusedException;
import dev.switchboard.account.agent.ToolAgent;
import dev.switchboard.account.flow.Check.Option;
import dev.switchboard.account.flow.GuidedFlow.Step;
import dev.switchboard.account.flow.GuidedFlow.Turn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What every guided flow says and does the same way: a question with its options, the question again when the answer
 * matched none, the customer's pick of an option, a quote to confirm, the line the turn is about, the request id of a
 * turn's write, and the hand-off to a person.
 */
final class Steps {

    static final Option CONFIRM = new Option(ToolAgent.CONFIRM, "Yes, go ahead");
    static final Option DECLINE = new Option(ToolAgent.DECLINE, "No, thanks");

    private Steps() {
    }

    static Step ask(FlowState state, String content, List<Option> options) {
        return new Step(state, content, options, false, null);
    }

    static Step again(FlowState state, String question, List<Option> options) {
        return ask(state, "Sorry, I did not get that. " + question + " Please pick one of the options.", options);
    }

    static Mono<Step> end(FlowState state, String content, String actionId) {
        return Mono.just(new Step(state.at("ended"), content, List.of(), true, actionId));
    }

    /** The request id of a write asked in this turn: the same turn delivered again names the same write. */
    static String requestId(Turn turn, String action) {
        return "flow:" + turn.messageId() + ":" + action;
    }

    /** A person takes over, with a summary of the case (transfer_to_human_agents, audited). */
    static Mono<Step> transfer(AccountTools tools, Turn turn, FlowState state, String why, String summary) {
        return tools.transfer(turn.caller(), requestId(turn, "transfer_to_human_agents"), summary)
                .map(result -> new Step(state.at("ended"), why + " I am passing you to a person from our support "
                        + "team, with a summary of what we checked.", List.of(), true, result.actionId()));
    }

    /** The answer to a yes-or-no question: {@code yes} on the first option, {@code no} on {@link #DECLINE}. */
    static Mono<Step> yesOrNo(Turn turn, FlowState state, List<Option> options, String question,
            Supplier<Mono<Step>> yes, Supplier<Mono<Step>> no) {
        return match(turn, options).map(answer -> answer == DECLINE ? no.get() : yes.get())
                .orElseGet(() -> Mono.just(again(state, question, options)));
    }

    /**
     * The quote's words and price for the customer to confirm ({@code confirm:<kind>}); its token kept for the
     * confirmed write, with {@code amount}.
     */
    static Mono<Step> quoted(FlowState state, String kind, String amount, String before, ActionResult result) {
        String price = result.quote().price().signum() == 0 ? "at no cost"
                : "for " + result.quote().price() + " " + result.quote().currency();
        return Mono.just(new Step(state.pending("confirm:" + kind, result.quote().confirmation(), amount),
                (before.isEmpty() ? "" : before + " ") + "I can do this: " + result.quote().description() + ". That is "
                        + price + ". Shall I go ahead?", List.of(CONFIRM, DECLINE), false, result.actionId()));
    }

    /** The customer's lines as options: id the line, label its phone number. */
    static Mono<List<Option>> lines(AccountTools tools, Turn turn, String customerId, List<String> lineIds) {
        return Flux.fromIterable(lineIds)
                .concatMap(lineId -> tools.line(turn.caller(), null, customerId, lineId))
                .map(line -> new Option(line.lineId(), line.phoneNumber())).collectList();
    }

    /**
     * A flow's first turn about one line: the identity check (the sign-in's own account; without one, {@code
     * noAccount}), then which of the customer's lines it is about ({@code line} is the next step).
     */
    static Mono<Step> askLine(AccountTools tools, Turn turn, String question,
            BiFunction<FlowState, String, Mono<Step>> noAccount) {
        FlowState state = FlowState.start();
        return tools.customer(turn.caller(), null, null)
                .flatMap(customer -> lines(tools, turn, customer.customerId(), customer.lineIds())
                        .map(lines -> ask(state.withCustomer(customer.customerId(), null), question, lines)))
                .onErrorResume(ActionRefusedException.class, refused -> noAccount.apply(state,
                        "I could not find an account linked to your sign-in, so I cannot check your line here."));
    }

    /** The answer to the line question: {@code chosen} with the line in the state, else the question again. */
    static Mono<Step> lineChosen(AccountTools tools, Turn turn, FlowState state,
            BiFunction<FlowState, Option, Mono<Step>> chosen) {
        return tools.customer(turn.caller(), null, state.customerId())
                .flatMap(customer -> lines(tools, turn, customer.customerId(), customer.lineIds()))
                .flatMap(lines -> match(turn, lines)
                        .map(line -> chosen.apply(state.withCustomer(state.customerId(), line.id()), line))
                        .orElseGet(() -> Mono.just(again(state, "Which of your lines is it about?", lines))));
    }

    /** An amount of data as the customer reads it: 2 GB, 1.5 GB. */
    static String gb(BigDecimal gigabytes) {
        return gigabytes.stripTrailingZeros().toPlainString();
    }

    /**
     * The option the customer picked: the clicked one ({@code choice}), else the one whose id or label they typed,
     * else the one whose label's words they used most (a tie picks none).
     */
    static Optional<Option> match(Turn turn, List<Option> options) {
        if (turn.choice() != null) {
            Optional<Option> clicked = options.stream().filter(o -> o.id().equals(turn.choice())).findFirst();
            if (clicked.isPresent()) {
                return clicked;
            }
        }
        String text = turn.text() == null ? "" : turn.text().strip().toLowerCase(Locale.ROOT);
        Optional<Option> exact = options.stream().filter(o -> o.id().equalsIgnoreCase(text)
                || o.label().equalsIgnoreCase(text)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        // a set of the words (not Set.of: a word said twice is no error)
        Set<String> said = new HashSet<>(Arrays.asList(text.split("[^a-z0-9]+")));
        List<Option> best = new ArrayList<>();
        int bestScore = 0;
        for (Option option : options) {
            int score = 0;
            for (String word : (option.label() + " " + option.id()).toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
                if (word.length() > 1 && said.contains(word)) {
                    score++;
                }
            }
            if (score > bestScore) {
                best.clear();
                bestScore = score;
            }
            if (score == bestScore && score > 0) {
                best.add(option);
            }
        }
        return best.size() == 1 ? Optional.of(best.get(0)) : Optional.empty();
    }
}
