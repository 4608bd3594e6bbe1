package dev.switchboard.intent.routing;

import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.classification.IntentClassifier;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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

    private final IntentClassifier classifier;
    private final EventPublisher publisher;
    private final MeterRegistry meters;
    private final Timer latency;

    InboundListener(IntentClassifier classifier, EventPublisher publisher, MeterRegistry meters) {
        this.classifier = classifier;
        this.publisher = publisher;
        this.meters = meters;
        this.latency = Timer.builder("intent.classification.latency").publishPercentileHistogram().register(meters);
    }

    @KafkaListener(topics = "chat.inbound")
    void on(ChatMessageReceived message) {
        Classification result = latency.record(() -> classifier.classify(message.getContent()));
        IntentClassified event = Envelope.of(message).stamp(new IntentClassified());
        event.setContent(message.getContent());
        event.setIntent(result.intent());
        event.setAgent(result.agent());
        event.setConfidence(result.confidence());
        event.setCandidates(result.candidates().stream()
                .map(c -> new IntentCandidate(c.intent(), c.agent(), c.score())).toList());
        event.setClassifierVersion(result.classifierVersion());
        event.setEmbedding(toList(result.embedding()));
        event.setFrustration(0.0);
        publisher.await(publisher.publish(Topics.CHAT_CLASSIFIED, message.getConversationId(), event));
        meters.counter("intent.classified", "intent", result.intent(), "agent", result.agent().name()).increment();
        log.info("messageId={} conversationId={} intent={} agent={} confidence={}", message.getMessageId(),
                message.getConversationId(), result.intent(), result.agent(), String.format("%.2f", result.confidence()));
    }

    private static List<Float> toList(float[] embedding) {
        List<Float> values = new ArrayList<>(embedding.length);
        for (float v : embedding) {
            values.add(v);
        }
        return values;
    }
}
