package dev.switchboard.account.flow;

import static dev.switchboard.account.flow.Steps.CONFIRM;
import static dev.switchboard.account.flow.Steps.DECLINE;
import static dev.switchboard.account.flow.Steps.end;
import static dev.switchboard.account.flow.Steps.requestId;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.actions.AccountViews.RoamingRequest;
import dev.switchboard.account.actions.ActionRefusedException;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The guided flow for a customer going abroad (main_policy.md "Data Roaming"), offline: which line they take, whether
 * roaming is enabled on it, and, when it is not, roaming enabled at no cost once they confirm. The line must be active
 * (the policy's rule, through {@link AccountTools}); a line that is not is passed to a person.
 */
@Component
class RoamingAbroad extends AccountFlow {

    static final String NAME = "roaming-abroad";

    private static final String ON_THE_PHONE = "When you arrive, turn data roaming on in your phone's settings too.";

    RoamingAbroad(AccountTools tools) {
        super(NAME, tools);
    }

    @Override
    public Mono<Step> start(Turn turn) {
        return Steps.askLine(tools, turn, "I can get your line ready for travelling abroad. Which of your lines will "
                + "you take with you?", (state, why) -> transfer(turn, state, why));
    }

    @Override
    public Mono<Step> next(Turn turn, FlowState state) {
        return switch (state.step()) {
            case "line" -> Steps.lineChosen(tools, turn, state, (chosen, line) -> check(turn, chosen));
            case "confirm:roaming" -> Steps.yesOrNo(turn, state, List.of(CONFIRM, DECLINE),
                    "Shall I turn roaming on?", () -> enable(turn, state),
                    () -> end(state, "All right, roaming stays off, so your line will have no data abroad.", null));
            default -> throw new IllegalStateException("unknown step " + state.step());
        };
    }

    /** Roaming on the line: already enabled (nothing to do), else enabling it quoted for the customer to confirm. */
    private Mono<Step> check(Turn turn, FlowState state) {
        return tools.line(turn.caller(), null, state.customerId(), state.lineId()).flatMap(line -> {
            if (line.roamingEnabled()) {
                return end(state, "Roaming is already enabled on " + line.phoneNumber() + ", so it works abroad. "
                        + ON_THE_PHONE, null);
            }
            String off = "Roaming is not enabled on " + line.phoneNumber() + ", so it would have no data abroad.";
            return tools.roaming(turn.caller(), null, state.customerId(), state.lineId(),
                            new RoamingRequest(requestId(turn, "enable_roaming"), true, null))
                    .flatMap(quote -> Steps.quoted(state, "roaming", null, off, quote))
                    .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, state, off
                            + " I cannot turn it on here (" + refused.getMessage() + ")."));
        });
    }

    private Mono<Step> enable(Turn turn, FlowState state) {
        FlowState after = state.pending(state.step(), null, null);
        return tools.roaming(turn.caller(), null, state.customerId(), state.lineId(),
                        new RoamingRequest(requestId(turn, "enable_roaming"), true, state.confirmation()))
                .flatMap(done -> end(after, "Done: " + done.detail() + ". " + ON_THE_PHONE + " Have a good trip!",
                        done.actionId()))
                .onErrorResume(ActionRefusedException.class, refused -> transfer(turn, after,
                        "I could not turn roaming on (" + refused.getMessage() + ")."));
    }

    @Override
    String summary(FlowState state) {
        return "Roaming abroad (line " + state.lineId() + ")";
    }
}
