package dev.switchboard.account.flow;

import dev.switchboard.account.flow.Check.Option;
import dev.switchboard.platform.web.Caller;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * One of the guided flows account-service runs offline: its first turn, and the answer to the question its state
 * asked. {@link FlowListener} picks the flow by the conversation's stored state, or by the flow intent-service routed
 * a new one to ({@code IntentClassified.flow}).
 */
interface GuidedFlow {

    /** The flow's name: {@code ChatReplied.flow}, {@code IntentClassified.flow} and intent-service's entries. */
    String name();

    /** The first turn: the identity check (the sign-in's own account) and the first question. */
    Mono<Step> start(Turn turn);

    /** A later turn: the answer to the question {@code state.step()} asked. */
    Mono<Step> next(Turn turn, FlowState state);

    /** What the flow answers a turn with, and its state after it. */
    record Step(FlowState state, String content, List<Option> options, boolean ended, String actionId) {

        public Step {
            options = List.copyOf(options);
        }

        /** This step, reporting the account action the turn took. */
        Step withAction(String id) {
            return new Step(state, content, options, ended, id);
        }
    }

    /** One turn: who speaks (the signed-in customer), which message (its id names the turn's writes), what they said. */
    record Turn(Caller caller, String messageId, String text, String choice) {
    }
}
