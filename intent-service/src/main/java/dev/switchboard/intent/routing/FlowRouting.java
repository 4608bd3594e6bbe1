package dev.switchboard.intent.routing;

import dev.switchboard.events.Route;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.flow.GuidedFlows;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Users;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Routes the turns of a guided flow ({@code route=flow}, answered by account-service, with the flow named in {@code
 * IntentClassified.flow}): a turn whose words open a flow or whose intent enters one, and every later turn of the conversation while it is in it — its answers ("yes", "it is on", a clicked option)
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

    /**
     * Whether the conversation is in a guided flow as this turn arrives: then account-service reads the turn wherever
     * it is routed, since a turn routed elsewhere ends its flow.
     */
    boolean inFlow(String conversationId, long nowMillis) {
        return flows.active(conversationId, nowMillis).isPresent();
    }

    /**
     * @param message the customer's words, for the flows their words open
     * @param picked whether the message is the customer's click on one of the options the last reply offered
     */
    TurnRouter.Routed route(String conversationId, String userId, TurnRouter.Routed routed, String message,
            boolean picked, long receivedAtMillis, long nowMillis) {
        if (Users.isGuest(userId)) {
            // a flow acts on the customer's own account and a guest has none: the article helps, a flow could only
            // pass them to a person
            return routed;
        }
        Classification classified = routed.classification();
        Optional<GuidedFlows.Active> active = flows.active(conversationId, nowMillis);
        // a refused attack, a person at risk, or a message in another language (it gets the language reply), is no
        // answer to a flow;
        // but a click on one of the flow's own options is, even when its label only resembles an attack (a bare
        // phone number scored 0.105 against the other-customers'-data examples): only the injection rules refuse it
        boolean flowsOwnOption = picked && active.isPresent() && !classified.screening().rules();
        if (routed.guardrail() == Guardrail.Outcome.refused && !flowsOwnOption
                || routed.guardrail() == Guardrail.Outcome.crisis || routed.otherLanguage()) {
            return routed;
        }
        if (active.isPresent()) {
            boolean asksForAPerson = Taxonomy.HUMAN_HANDOFF.equals(classified.intent())
                    && classified.confidence() >= RULE_CONFIDENCE;
            if (asksForAPerson) {
                flows.leave(conversationId, receivedAtMillis);
                meters.counter("intent.flows.left").increment();
                return routed;
            }
            String intent = active.get().intent();
            flows.enter(conversationId, active.get().flow(), intent, receivedAtMillis);
            return inFlow(routed, as(classified, intent), active.get().flow());
        }
        // a flow the words open: also over a clarifying question or the scope reply (the classifier has no intent
        // for "I'm going to Spain next week"), never over a request for a person
        Optional<GuidedFlows.Entry> opened = routed.route() == Route.handoff ? Optional.empty()
                : flows.opening(message);
        if (opened.isPresent()) {
            return enter(conversationId, routed, as(classified, opened.get().intent()), opened.get().flow(),
                    receivedAtMillis);
        }
        if (routed.route() == Route.knowledge) {
            Optional<String> flow = flows.entry(classified.intent());
            if (flow.isPresent()) {
                return enter(conversationId, routed, classified, flow.get(), receivedAtMillis);
            }
        }
        return routed;
    }

    private TurnRouter.Routed enter(String conversationId, TurnRouter.Routed routed, Classification result,
            String flow, long receivedAtMillis) {
        flows.enter(conversationId, flow, result.intent(), receivedAtMillis);
        meters.counter("intent.flows.entered", "flow", flow).increment();
        return inFlow(routed, result, flow);
    }

    private static Classification as(Classification classified, String intent) {
        return intent.equals(classified.intent()) ? classified
                : classified.routedTo(intent, Taxonomy.agentOf(intent), classified.candidates());
    }

    private static TurnRouter.Routed inFlow(TurnRouter.Routed routed, Classification result, String flow) {
        return new TurnRouter.Routed(result, Route.flow, List.of(), routed.frustration(), routed.followUp(),
                routed.picked(), routed.escalated(), routed.guardrail(), routed.language(), flow);
    }
}
