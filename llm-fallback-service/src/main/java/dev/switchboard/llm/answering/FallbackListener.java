package dev.switchboard.llm.answering;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.ReplySource;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Answers what the knowledge base could not. Without a configured model (the default) the answer is extractive,
 * from the passages the knowledge service sent along.
 */
@Component
class FallbackListener {

    private static final Logger log = LoggerFactory.getLogger(FallbackListener.class);

    private final EventPublisher publisher;
    private final Counter requests;

    FallbackListener(EventPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.requests = Counter.builder("llm.fallback.requests").description("messages the fallback answered")
                .tag("mode", "extractive").register(meters);
    }

    @KafkaListener(topics = "chat.fallback")
    void on(FallbackRequested request) {
        requests.increment();
        Envelope envelope = Envelope.of(request);
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(ExtractiveAnswer.from(request.getPassages()));
        reply.setAgent(request.getAgent());
        reply.setIntent(request.getIntent());
        reply.setSource(ReplySource.fallback);
        reply.setConfidence(request.getPassages().isEmpty() ? 0.0 : request.getPassages().get(0).getScore());
        reply.setReferences(request.getPassages().stream().limit(1).toList());
        reply.setLatencyMs(envelope.elapsedMillis());
        publisher.await(publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply));
        log.info("messageId={} answered extractively ({}): {} passages", envelope.messageId(), request.getReason(),
                request.getPassages().size());
    }
}
