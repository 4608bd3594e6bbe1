package dev.switchboard.account.flow;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.ActionRefusedException;
import java.util.Optional;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * A guided flow over the account's actions: its name, the {@link AccountTools} it acts through as the signed-in
 * customer, and its hand-off to a person with a summary of where it stands.
 */
abstract class AccountFlow implements GuidedFlow {

    final AccountTools tools;
    private final String name;

    AccountFlow(String name, AccountTools tools) {
        this.name = name;
        this.tools = tools;
    }

    @Override
    public String name() {
        return name;
    }

    /** Where the flow stands, for the person who takes over. */
    abstract String summary(FlowState state);

    /** A person takes over, with the summary and why (transfer_to_human_agents, audited). */
    Mono<Step> transfer(Turn turn, FlowState state, String why) {
        return Steps.transfer(tools, turn, state, why, summary(state) + ": " + why);
    }

    /**
     * A first turn about the account as a whole: the identity check (the sign-in's own account; without one, a
     * person), then {@code then} on the state naming the customer.
     *
     * @param what what the flow would have checked, for the customer without an account
     */
    Mono<Step> forCustomer(Turn turn, String what, Function<FlowState, Mono<Step>> then) {
        FlowState state = FlowState.start();
        return tools.customer(turn.caller(), null, null).map(Optional::of)
                .onErrorResume(ActionRefusedException.class, refused -> Mono.just(Optional.empty()))
                .flatMap(customer -> customer.isEmpty() ? transfer(turn, state, "I could not find an account "
                        + "linked to your sign-in, so I cannot check " + what + " here.")
                        : then.apply(state.withCustomer(customer.get().customerId(), null)));
    }
}
