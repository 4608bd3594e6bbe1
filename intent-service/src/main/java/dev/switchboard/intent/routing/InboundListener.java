package dev.switchboard.intent.routing;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
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

    InboundListener(TurnRouter router, EventPublisher publisher) {
        this.router = router;
        this.publisher = publisher;
    }

    @KafkaListener(topics = "chat.inbound")
    void on(ChatMessageReceived message) {
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
        publisher.await(publisher.publish(Topics.CHAT_CLASSIFIED, message.getConversationId(), event));
        log.info("messageId={} conversationId={} intent={} agent={} confidence={} frustration={} followUp={} escalated={}",
                message.getMessageId(), message.getConversationId(), result.intent(), result.agent(),
                String.format("%.2f", result.confidence()), routed.frustration(), routed.followUp(), routed.escalated());
    }

    private static List<Float> toList(float[] embedding) {
        List<Float> values = new ArrayList<>(embedding.length);
        for (float v : embedding) {
            values.add(v);
        }
        return values;
    }
}
