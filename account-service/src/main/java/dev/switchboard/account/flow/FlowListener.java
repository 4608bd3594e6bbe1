package dev.switchboard.account.flow;

import dev.switchboard.account.actions.AccountTools;
import dev.switchboard.account.agent.ToolAgent;
import dev.switchboard.account.agent.ToolAgent.AgentReply;
import dev.switchboard.account.agent.ToolAgent.AgentTurn;
import dev.switchboard.account.agent.ToolAgent.Pending;
import dev.switchboard.account.flow.GuidedFlow.Step;
import dev.switchboard.account.flow.GuidedFlow.Turn;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.events.Route;
import dev.switchboard.events.Suggestion;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.platform.web.Caller;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Answers the turns intent-service routes to a guided flow ({@code route=flow} on chat.flow) on chat.replies,
 * as the signed-in customer: the conversation's flow goes on where it stands (its state in the database), or the flow
 * the turn was routed to ({@code IntentClassified.flow}) starts; a turn routed to another flow than the stored one
 * starts that one. A turn routed anywhere else (chat.flow carries those of the conversations intent-service knows to
 * be in a flow) ends the conversation's flow, so a customer who left it ("agent", another question) starts afresh next
 * time; so does one who comes back after the flow was idle for {@code FLOW_TTL_SECONDS}, when intent-service forgets
 * it. A turn delivered again gets the reply it got the first time. With a chat
 * model configured, the {@link ToolAgent} answers the flow's turns instead of its script.
 */
@Component
class FlowListener {

    private static final Logger log = LoggerFactory.getLogger(FlowListener.class);
    /** A turn's database work and account actions; past it the record is retried like any failure. */
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(20);
    /** The agent's state: the words of the quote waiting for the customer's confirmation. */
    private static final String QUOTE = "quote";
    /** The step of every agent turn's state, and the answerer of the metric's agent turns. */
    private static final String AGENT_STEP = "agent";
    private static final String SCRIPT = "script";

    private final Map<String, GuidedFlow> flows;
    private final AccountTools tools;
    private final FlowStore store;
    private final EventPublisher publisher;
    private final RecordBatches batches;
    private final ToolAgent agent;
    private final MeterRegistry meters;

    FlowListener(List<GuidedFlow> flows, AccountTools tools, FlowStore store, EventPublisher publisher,
            RecordBatches batches, ToolAgent agent, MeterRegistry meters) {
        this.flows = flows.stream().collect(Collectors.toMap(GuidedFlow::name, Function.identity()));
        this.tools = tools;
        this.store = store;
        this.publisher = publisher;
        this.batches = batches;
        this.agent = agent;
        this.meters = meters;
    }

    // the consumer group is the service's name (spring.kafka.consumer.group-id), which the Helm chart's lag
    // autoscaler watches, not the listener's id
    @KafkaListener(id = "flows", idIsGroup = false, topics = Topics.Names.CHAT_FLOW, batch = "true")
    void on(List<ConsumerRecord<String, IntentClassified>> records) {
        Departures departures = new Departures(onlyRoutedElsewhere(records));
        batches.inOrder(records, classified -> answer(classified, departures));
    }

    /** The conversations none of whose turns in this poll is a flow turn. */
    private static Set<String> onlyRoutedElsewhere(List<ConsumerRecord<String, IntentClassified>> records) {
        Map<String, Boolean> elsewhere = new HashMap<>();
        for (ConsumerRecord<String, IntentClassified> record : records) {
            IntentClassified classified = record.value();
            if (classified != null) {
                elsewhere.merge(classified.getConversationId(), classified.getRoute() != Route.flow,
                        Boolean::logicalAnd);
            }
        }
        return elsewhere.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /**
     * Ends the flows of the conversations a poll's turns left. One database round trip per such turn made this
     * listener a queue of waits when many came at once, so the conversations with no flow turn in the poll are ended
     * by one statement, at the first of their turns (nothing later in the poll reads their flows). A
     * conversation with a flow turn in the poll is ended at its own turn, so its next flow turn starts afresh.
     */
    private final class Departures {

        private final Set<String> together;
        private boolean togetherEnded;

        Departures(Set<String> together) {
            this.together = together;
        }

        void left(String conversationId) {
            if (!together.contains(conversationId)) {
                store.leave(List.of(conversationId)).block(TURN_TIMEOUT);
            } else if (!togetherEnded) {
                store.leave(together).block(TURN_TIMEOUT);
                togetherEnded = true;
            }
        }
    }

    private CompletableFuture<Void> answer(IntentClassified classified, Departures departures) {
        String conversationId = classified.getConversationId();
        if (classified.getRoute() != Route.flow) {
            departures.left(conversationId);
            return RecordBatches.nothingSent();
        }
        String userId = classified.getUserId();
        String routedTo = classified.getFlow();
        Turn turn = new Turn(new Caller(userId, Set.of(Caller.CUSTOMER)), classified.getMessageId(),
                classified.getContent(), classified.getChoice());
        FlowReply reply = store.answered(userId, classified.getMessageId())
                .switchIfEmpty(Mono.defer(() -> store.conversation(conversationId)
                        // a record that names no flow (written before IntentClassified.flow existed) goes on too
                        .filter(c -> !c.ended() && c.userId().equals(userId)
                                && (routedTo == null || c.flow().equals(routedTo)))
                        .flatMap(c -> agent.answers(c.flow()) ? agent(c.flow(), turn, c.state(), conversationId)
                                : step(c.flow(), flow -> flow.next(turn, c.state()), turn))
                        // ... and starts phone troubleshooting, the only flow there was then
                        .switchIfEmpty(Mono.defer(() -> {
                            String name = routedTo == null ? Troubleshooting.NAME : routedTo;
                            return agent.answers(name) ? agent(name, turn, FlowState.start(), conversationId)
                                    : step(name, flow -> flow.start(turn), turn);
                        }))
                        .flatMap(made -> {
                            FlowReply answer = reply(made);
                            return store.save(conversationId, userId, classified.getMessageId(),
                                    classified.getContent(), made.flow(), made.step().state(), answer)
                                    .thenReturn(answer);
                        })))
                .block(TURN_TIMEOUT);
        log.info("messageId={} conversationId={} routedTo={} flow={} actionId={}", classified.getMessageId(),
                conversationId, routedTo, reply.flow() == null ? "ended" : reply.flow(), reply.actionId());
        return publish(classified, reply);
    }

    /** A flow's step, and the flow that made it. */
    private record Made(String flow, Step step) {
    }

    /**
     * The named flow's step; a flow this service does not run (intent-service's entries name it) is passed to a
     * person rather than answered by another flow.
     */
    private Mono<Made> step(String name, Function<GuidedFlow, Mono<Step>> answer, Turn turn) {
        GuidedFlow flow = flows.get(name);
        if (flow == null) {
            log.warn("no guided flow named {}", name);
            return Steps.transfer(tools, turn, FlowState.start(), "I cannot guide you through this here.",
                    "Guided flow " + name + " is not run by account-service.").map(step -> new Made(name, step));
        }
        return answer.apply(flow).map(step -> made(name, step, SCRIPT));
    }

    /** A turn answered (not a kept reply given again), counted by flow and by who answered it. */
    private Made made(String flow, Step step, String answeredBy) {
        Counter.builder("account.flow.turns").description("guided-flow turns answered, by the flow's script or the "
                + "tool-calling agent").tag("flow", flow).tag("by", answeredBy).register(meters).increment();
        return new Made(flow, step);
    }

    /**
     * The tool-calling agent's answer, in the conversation's flow: the state keeps the quote waiting for the
     * customer's confirmation ({@code confirmation}, its words in the fact {@value #QUOTE}); the model also sees the
     * conversation's earlier flow turns. The model's calls block, so they run off the database's event loop.
     */
    private Mono<Made> agent(String name, Turn turn, FlowState state, String conversationId) {
        // a scripted flow's pending quote (a model turned on mid-conversation) is not the agent's to confirm
        Pending pending = state.confirmation() == null || !AGENT_STEP.equals(state.step()) ? null
                : new Pending(state.confirmation(), state.fact(QUOTE));
        return store.history(conversationId, turn.caller().userId(), agent.historyTurns())
                .flatMap(history -> Mono.fromCallable(() -> agent.answer(new AgentTurn(turn.caller(),
                                turn.messageId(), turn.text(), turn.choice(), pending, history)))
                        .subscribeOn(Schedulers.boundedElastic()))
                .map(answer -> made(name, agentStep(answer), AGENT_STEP));
    }

    private static Step agentStep(AgentReply answer) {
        Pending pending = answer.pending();
        FlowState state = new FlowState(null, null, null, AGENT_STEP, Set.of(),
                pending == null ? Map.of() : Map.of(QUOTE, pending.description()),
                pending == null ? null : pending.confirmation(), null);
        return new Step(state, answer.content(),
                answer.asksConfirmation() ? List.of(Steps.CONFIRM, Steps.DECLINE) : List.of(), answer.ended(),
                answer.actionId());
    }

    private static FlowReply reply(Made made) {
        Step step = made.step();
        return new FlowReply(UUID.randomUUID().toString(), step.content(), step.options(),
                step.ended() ? null : made.flow(), step.actionId());
    }

    private CompletableFuture<Void> publish(IntentClassified classified, FlowReply made) {
        Envelope envelope = Envelope.of(classified);
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(made.replyId());
        reply.setContent(made.content());
        reply.setAgent(classified.getAgent());
        reply.setIntent(classified.getIntent());
        reply.setSource(ReplySource.flow);
        reply.setConfidence(1.0);
        reply.setReferences(List.of());
        reply.setSuggestions(made.options().stream().map(o -> new Suggestion(o.id(), o.label())).toList());
        reply.setLatencyMs(envelope.elapsedMillis());
        reply.setClassifierVersion(classified.getClassifierVersion());
        reply.setFlow(made.flow());
        reply.setActionId(made.actionId());
        return publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply);
    }
}
