package dev.switchboard.account.flow;

import dev.switchboard.account.flow.Troubleshooting.Step;
import dev.switchboard.account.flow.Troubleshooting.Turn;
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
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Answers the turns intent-service routes to a guided flow ({@code route=flow} on chat.classified) on chat.replies,
 * as the signed-in customer: the conversation's flow goes on where it stands (its state in the database), or starts.
 * A turn routed anywhere else ends the conversation's flow, so a customer who left it ("agent", another question)
 * starts afresh next time. A turn delivered again gets the reply it got the first time.
 */
@Component
class FlowListener {

    private static final Logger log = LoggerFactory.getLogger(FlowListener.class);
    /** A turn's database work and account actions; past it the record is retried like any failure. */
    private static final Duration TURN_TIMEOUT = Duration.ofSeconds(20);

    private final Troubleshooting troubleshooting;
    private final FlowStore store;
    private final EventPublisher publisher;
    private final RecordBatches batches;

    FlowListener(Troubleshooting troubleshooting, FlowStore store, EventPublisher publisher, RecordBatches batches) {
        this.troubleshooting = troubleshooting;
        this.store = store;
        this.publisher = publisher;
        this.batches = batches;
    }

    @KafkaListener(id = "flows", topics = Topics.Names.CHAT_CLASSIFIED, batch = "true")
    void on(List<ConsumerRecord<String, IntentClassified>> records) {
        batches.inOrder(records, this::answer);
    }

    private CompletableFuture<Void> answer(IntentClassified classified) {
        String conversationId = classified.getConversationId();
        if (classified.getRoute() != Route.flow) {
            // one turn at a time per conversation (its partition), so the next turn sees the flow ended
            store.leave(conversationId).block(TURN_TIMEOUT);
            return RecordBatches.nothingSent();
        }
        String userId = classified.getUserId();
        Turn turn = new Turn(new Caller(userId, Set.of(Caller.CUSTOMER)), classified.getMessageId(),
                classified.getContent(), classified.getChoice());
        FlowReply reply = store.answered(userId, classified.getMessageId())
                .switchIfEmpty(Mono.defer(() -> store.conversation(conversationId)
                        .filter(c -> !c.ended() && c.userId().equals(userId))
                        .flatMap(c -> troubleshooting.next(turn, c.state()))
                        .switchIfEmpty(Mono.defer(() -> troubleshooting.start(turn)))
                        .flatMap(step -> {
                            FlowReply made = reply(step);
                            return store.save(conversationId, userId, classified.getMessageId(), step.state(), made)
                                    .thenReturn(made);
                        })))
                .block(TURN_TIMEOUT);
        log.info("messageId={} conversationId={} flow={} step={} actionId={}", classified.getMessageId(),
                conversationId, reply.flow(), reply.flow() == null ? "ended" : "asked", reply.actionId());
        return publish(classified, reply);
    }

    private static FlowReply reply(Step step) {
        return new FlowReply(UUID.randomUUID().toString(), step.content(), step.options(),
                step.ended() ? null : Troubleshooting.NAME, step.actionId());
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
