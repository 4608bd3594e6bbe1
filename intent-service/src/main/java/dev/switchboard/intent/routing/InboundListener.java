package dev.switchboard.intent.routing;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Classifies every customer message and hands it on to the knowledge service. */
@Component
class InboundListener {

    private static final Logger log = LoggerFactory.getLogger(InboundListener.class);

    private final TurnRouter router;
    private final EventPublisher publisher;
    private final RecordBatches batches;

    InboundListener(TurnRouter router, EventPublisher publisher, RecordBatches batches) {
        this.router = router;
        this.publisher = publisher;
        this.batches = batches;
    }

    @KafkaListener(topics = Topics.Names.CHAT_INBOUND, batch = "true")
    void on(List<ConsumerRecord<String, ChatMessageReceived>> records) {
        batches.inOrder(records, this::classify);
    }

    private CompletableFuture<Void> classify(ChatMessageReceived message) {
        TurnRouter.Routed routed = router.route(message.getConversationId(), message.getContent(),
                System.currentTimeMillis());
        Classification result = routed.classification();
        IntentClassified event = Envelope.of(message).stamp(new IntentClassified());
        event.setContent(message.getContent());
        event.setIntent(result.intent());
        event.setAgent(result.agent());
        event.setConfidence(result.confidence());
        event.setCandidates(result.candidates().stream()
                .map(c -> new IntentCandidate(c.intent(), c.agent(), c.score())).toList());
        event.setClassifierVersion(result.classifierVersion());
        event.setEmbedding(toList(result.embedding()));
        event.setFrustration(routed.frustration());
        CompletableFuture<Void> sent = publisher.publish(Topics.CHAT_CLASSIFIED, message.getConversationId(), event);
        log.info("messageId={} conversationId={} intent={} agent={} confidence={} frustration={} followUp={} escalated={}",
                message.getMessageId(), message.getConversationId(), result.intent(), result.agent(),
                String.format("%.2f", result.confidence()), routed.frustration(), routed.followUp(), routed.escalated());
        return sent;
    }

    private static List<Float> toList(float[] embedding) {
        List<Float> values = new ArrayList<>(embedding.length);
        for (float v : embedding) {
            values.add(v);
        }
        return values;
    }
}
