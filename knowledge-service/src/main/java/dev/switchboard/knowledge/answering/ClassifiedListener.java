package dev.switchboard.knowledge.answering;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplySource;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Answers a classified message from the knowledge base when the intent is confident, escalates explicit requests for
 * a person, and otherwise asks the LLM fallback to answer with the best passages.
 */
@Component
class ClassifiedListener {

    private static final Logger log = LoggerFactory.getLogger(ClassifiedListener.class);

    private final KnowledgeBase knowledgeBase;
    private final EventPublisher publisher;
    private final AnsweringProperties properties;
    private final Counter hits;
    private final Counter misses;

    ClassifiedListener(KnowledgeBase knowledgeBase, EventPublisher publisher, AnsweringProperties properties,
            MeterRegistry meters) {
        this.knowledgeBase = knowledgeBase;
        this.publisher = publisher;
        this.properties = properties;
        this.hits = Counter.builder("knowledge.base.hits").description("messages answered from the knowledge base")
                .register(meters);
        this.misses = Counter.builder("knowledge.base.misses").description("messages sent on to the LLM fallback")
                .register(meters);
    }

    @KafkaListener(topics = "chat.classified")
    void on(IntentClassified message) {
        Envelope envelope = Envelope.of(message);
        var entry = knowledgeBase.entry(message.getIntent());
        if (entry.isPresent() && message.getIntent().equals(Taxonomy.HUMAN_HANDOFF)) {
            reply(envelope, message, entry.get(), ReplySource.escalation, List.of());
        } else if (entry.isPresent() && message.getConfidence() >= properties.answerThreshold()) {
            hits.increment();
            reply(envelope, message, entry.get(), ReplySource.knowledge_base,
                    passages(entry.get(), message.getConfidence()));
        } else {
            misses.increment();
            fallback(envelope, message);
        }
    }

    private void reply(Envelope envelope, IntentClassified message, KnowledgeBase.Entry entry, ReplySource source,
            List<KnowledgePassage> references) {
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(entry.response());
        reply.setAgent(entry.agent());
        reply.setIntent(entry.intent());
        reply.setSource(source);
        reply.setConfidence(message.getConfidence());
        reply.setReferences(references);
        reply.setLatencyMs(envelope.elapsedMillis());
        publisher.await(publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply));
        log.info("messageId={} answered source={} intent={}", envelope.messageId(), source, entry.intent());
    }

    private void fallback(Envelope envelope, IntentClassified message) {
        List<KnowledgePassage> passages = new ArrayList<>();
        for (IntentCandidate candidate : message.getCandidates()) {
            knowledgeBase.entry(candidate.getIntent())
                    .ifPresent(entry -> passages.addAll(passages(entry, candidate.getScore())));
        }
        FallbackRequested request = envelope.stamp(new FallbackRequested());
        request.setContent(message.getContent());
        request.setIntent(message.getIntent());
        request.setAgent(message.getAgent());
        request.setConfidence(message.getConfidence());
        request.setPassages(passages.stream().limit(properties.passages()).toList());
        request.setReason(message.getIntent().equals(Taxonomy.UNKNOWN) ? "no intent of the taxonomy matched"
                : String.format("intent confidence %.2f is below the answer threshold %.2f", message.getConfidence(),
                        properties.answerThreshold()));
        publisher.await(publisher.publish(Topics.CHAT_FALLBACK, envelope.conversationId(), request));
        log.info("messageId={} sent to fallback: {}", envelope.messageId(), request.getReason());
    }

    private static List<KnowledgePassage> passages(KnowledgeBase.Entry entry, double score) {
        return entry.articles().stream()
                .map(a -> new KnowledgePassage(a.id(), a.title(), entry.intent(), a.text(), score)).toList();
    }
}
