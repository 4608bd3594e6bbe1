package dev.switchboard.intent.routing;

import dev.switchboard.events.Route;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.flow.GuidedFlows;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.schemas.Taxonomy;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Routes the turns of a guided flow ({@code route=flow}, answered by account-service): a turn whose intent enters a
 * flow, and every later turn of the conversation while it is in it — its answers ("yes", "it is on", a clicked option)
 * are not read as new topics, nor as off-topic. An attack the guardrail refuses is still refused, a message in another
 * language still gets the language reply, and a request for a person leaves the flow (routed as a hand-off).
 */
@Component
class FlowRouting {

    /** A lexical rule's verdict, as TurnRouter's: a request for a person by name ("agent", "a human"). */
    private static final double RULE_CONFIDENCE = 0.99;

    private final GuidedFlows flows;
    private final MeterRegistry meters;

    FlowRouting(GuidedFlows flows, MeterRegistry meters) {
        this.flows = flows;
        this.meters = meters;
    }

    /** @param picked whether the message is the customer's click on one of the options the last reply offered */
    TurnRouter.Routed route(String conversationId, TurnRouter.Routed routed, boolean picked, long receivedAtMillis,
            long nowMillis) {
        Classification classified = routed.classification();
        Optional<GuidedFlows.Active> active = flows.active(conversationId, nowMillis);
        // a refused attack, or a message in another language (it gets the language reply), is no answer to a flow;
        // but a click on one of the flow's own options is, even when its label only resembles an attack (a bare
        // phone number scored 0.105 against the other-customers'-data examples): only the injection rules refuse it
        boolean flowsOwnOption = picked && active.isPresent() && !classified.screening().rules();
        if (routed.guardrail() == Guardrail.Outcome.refused && !flowsOwnOption || routed.otherLanguage()) {
            return routed;
        }
        if (active.isPresent()) {
            boolean asksForAPerson = Taxonomy.HUMAN_HANDOFF.equals(classified.intent())
                    && classified.confidence() >= RULE_CONFIDENCE;
            if (asksForAPerson) {
                flows.leave(conversationId);
                meters.counter("intent.flows.left").increment();
                return routed;
            }
            String intent = active.get().intent();
            flows.enter(conversationId, active.get().flow(), intent, receivedAtMillis);
            return inFlow(routed, classified.routedTo(intent, Taxonomy.agentOf(intent), classified.candidates()));
        }
        if (routed.route() == Route.knowledge) {
            Optional<String> flow = flows.entry(classified.intent());
            if (flow.isPresent()) {
                flows.enter(conversationId, flow.get(), classified.intent(), receivedAtMillis);
                meters.counter("intent.flows.entered", "flow", flow.get()).increment();
                return inFlow(routed, classified);
            }
        }
        return routed;
    }

    private static TurnRouter.Routed inFlow(TurnRouter.Routed routed, Classification result) {
        return new TurnRouter.Routed(result, Route.flow, List.of(), routed.frustration(), routed.followUp(),
                routed.picked(), routed.escalated(), routed.guardrail(), routed.language());
    }
}
