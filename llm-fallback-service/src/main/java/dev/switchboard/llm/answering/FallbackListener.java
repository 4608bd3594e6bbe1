package dev.switchboard.llm.answering;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplyChunk;
import dev.switchboard.events.ReplySource;
import dev.switchboard.language.NoAnswerReply;
import dev.switchboard.llm.guardrails.InputGuardrail;
import dev.switchboard.llm.guardrails.OutputCheck;
import dev.switchboard.llm.guardrails.PiiMasker;
import dev.switchboard.llm.history.ConversationHistory;
import dev.switchboard.llm.model.ModelClient;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Topics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.stereotype.Component;
import reactor.core.Exceptions;

/**
 * Answers what the knowledge base could not. Every message passes the input guardrail first; without a configured
 * model (the default) the answer is extractive, from the passages the knowledge service sent along; with one, the
 * model's answer streams, grounded in those passages and the conversation's last turns. When the model finds the
 * passages do not cover the question, the reply is the honest "I don't know" (source no_answer), as it is in
 * knowledge-service when retrieval finds nothing that supports an answer.
 */
@Component
class FallbackListener {

    static final String ID = "fallback-requests";

    private static final Logger log = LoggerFactory.getLogger(FallbackListener.class);

    private final EventPublisher publisher;
    private final InputGuardrail guardrail;
    private final ModelClient model;
    private final ConversationHistory history;
    private final MeterRegistry meters;
    private final String mode;
    private final RecordBatches batches;
    private final ObjectProvider<SentenceEmbedder> embedder;

    FallbackListener(EventPublisher publisher, InputGuardrail guardrail, ModelClient model,
            ConversationHistory history, MeterRegistry meters, RecordBatches batches,
            ObjectProvider<SentenceEmbedder> embedder) {
        this.embedder = embedder;
        this.publisher = publisher;
        this.batches = batches;
        this.history = history;
        this.model = model;
        this.guardrail = guardrail;
        this.meters = meters;
        this.mode = model.ifEnabled().isPresent() ? "llm" : "offline";
    }

    /**
     * Fallback requests are read once the guardrail can check them (its semantic detector needs a knowledge base
     * version): until then holding no partitions of chat.fallback leaves them to the replicas that can.
     */
    @EventListener(ApplicationReadyEvent.class)
    void readOnceTheGuardrailIsReady(ApplicationReadyEvent event) {
        MessageListenerContainer requests = event.getApplicationContext()
                .getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(ID);
        guardrail.whenReady(requests::start);
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.Names.CHAT_FALLBACK, batch = "true",
            autoStartup = "false", concurrency = "${switchboard.llm.consumers:6}")
    void on(List<ConsumerRecord<String, FallbackRequested>> records) {
        batches.inOrder(records, this::answer);
    }

    private CompletableFuture<Void> answer(FallbackRequested request) {
        Envelope envelope = Envelope.of(request);
        if (log.isDebugEnabled()) {
            log.debug("messageId={} content={}", envelope.messageId(), PiiMasker.mask(request.getContent()));
        }
        ChatReplied reply = guardrail.check(request.getContent(), request.getIntent(), request.getPassages())
                .map(block -> block.kind() == InputGuardrail.Kind.suspected_injection
                        ? keptFromModel(envelope, request, block) : blocked(envelope, request, block))
                .orElseGet(() -> model.ifEnabled().map(client -> generated(client, envelope, request))
                        .orElseGet(() -> extractive(envelope, request)));
        return publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply);
    }

    private ChatReplied blocked(Envelope envelope, FallbackRequested request, InputGuardrail.Block block) {
        blockCounter(block.kind().name()).increment();
        count("blocked");
        log.info("messageId={} blocked by the input guardrail: {}", envelope.messageId(), block.kind());
        return reply(envelope, request, block.reply(), ReplySource.guardrail, 1.0, List.of());
    }

    // What merely sounds like an attack (an angry complaint can) still gets help, but the model never reads it.
    private ChatReplied keptFromModel(Envelope envelope, FallbackRequested request, InputGuardrail.Block block) {
        blockCounter(block.kind().name()).increment();
        log.info("messageId={} kept from the model by the input guardrail: {}", envelope.messageId(), block.kind());
        return extractive(envelope, request);
    }

    // Streams the answer to the gateway's partition sentence by sentence, each checked before it is sent; a model
    // failure or an answer that breaks the output check ends in the extractive answer instead.
    private ChatReplied generated(ModelClient client, Envelope envelope, FallbackRequested request) {
        if (client.state() == CircuitBreaker.State.OPEN) {
            // the call would be refused at once: the history request to chat-service would be wasted
            log.info("messageId={} model breaker open, answering extractively", envelope.messageId());
            return extractive(envelope, request);
        }
        List<KnowledgePassage> passages = request.getPassages();
        OutputCheck outputCheck = new OutputCheck(GroundedPrompt.instructions(request.getAgent()));
        HeldBackText answer = new HeldBackText(text -> outputCheck.check(text, passages));
        AtomicInteger sequence = new AtomicInteger();
        List<ConversationHistory.Turn> turns = history.before(envelope.conversationId(), envelope.userId(),
                envelope.messageId());
        try {
            client.stream(GroundedPrompt.messages(request.getAgent(), passages, turns, request.getContent()))
                    .doOnNext(delta -> answer.offer(delta)
                            .ifPresent(text -> chunk(envelope, sequence.getAndIncrement(), text, false)))
                    .blockLast();
            answer.finish().ifPresent(text -> chunk(envelope, sequence.getAndIncrement(), text, false));
        } catch (HeldBackText.Rejected rejected) {
            closeChunks(envelope, sequence);
            blockCounter(rejected.kind.name()).increment();
            log.warn("messageId={} model answer broke the output check ({}), replaced by the extractive answer",
                    envelope.messageId(), rejected.kind);
            return extractive(envelope, request);
        } catch (RuntimeException failure) {
            Throwable cause = Exceptions.unwrap(failure);
            log.warn("messageId={} model unavailable ({}: {}), answering extractively", envelope.messageId(),
                    cause.getClass().getSimpleName(), cause.getMessage());
            log.debug("model failure", cause);
            closeChunks(envelope, sequence);
            return extractive(envelope, request);
        }
        if (answer.declined()) {
            closeChunks(envelope, sequence);
            log.info("messageId={} the model found the passages do not cover the question", envelope.messageId());
            return unanswered(envelope, request, "llm");
        }
        if (answer.text().isBlank()) {
            // a model that says nothing has not answered; the customer still gets help
            log.warn("messageId={} model answered with no text, answering extractively", envelope.messageId());
            return extractive(envelope, request);
        }
        chunk(envelope, sequence.get(), "", true);
        count("generated");
        return reply(envelope, request, answer.text(), ReplySource.llm, 1.0, cited(answer.text(), passages));
    }

    // The gateway stops showing deltas at last=true; the final reply then replaces what was shown.
    private void closeChunks(Envelope envelope, AtomicInteger sequence) {
        if (sequence.get() > 0) {
            chunk(envelope, sequence.get(), "", true);
        }
    }

    // Waited for one by one, so that a chunk the broker refused stops the stream before the next; the model is far
    // slower than the broker anyway.
    private void chunk(Envelope envelope, int sequence, String delta, boolean last) {
        ReplyChunk chunk = envelope.stamp(new ReplyChunk());
        chunk.setSequence(sequence);
        chunk.setDelta(delta);
        chunk.setLast(last);
        publisher.await(publisher.reply(Topics.CHAT_REPLY_CHUNKS, envelope.replyTo(), envelope.conversationId(),
                chunk));
    }

    // The references are the passages the answer actually cites.
    private static List<KnowledgePassage> cited(CharSequence text, List<KnowledgePassage> passages) {
        String answer = text.toString();
        return passages.stream().filter(passage -> answer.contains("[" + passage.getArticleId() + "]")).toList();
    }

    private ChatReplied extractive(Envelope envelope, FallbackRequested request) {
        List<KnowledgePassage> passages = request.getPassages();
        if (passages.isEmpty()) {
            return unanswered(envelope, request, "no_passages");
        }
        count("extractive");
        log.info("messageId={} answered extractively ({}): {} passages", envelope.messageId(), request.getReason(),
                passages.size());
        return reply(envelope, request, ExtractiveAnswer.from(passages), ReplySource.fallback,
                passages.isEmpty() ? 0.0 : passages.get(0).getScore(), passages.stream().limit(1).toList());
    }

    /**
     * The honest "I don't know": no article, a person offered, and the question (with its embedding) for analytics'
     * knowledge-gap report.
     */
    private ChatReplied unanswered(Envelope envelope, FallbackRequested request, String why) {
        count("no_answer_" + why);
        ChatReplied reply = reply(envelope, request, NoAnswerReply.TEXT, ReplySource.no_answer, 0.0, List.of());
        reply.setSuggestions(NoAnswerReply.suggestions());
        reply.setQuestion(request.getContent());
        reply.setQuestionEmbedding(embedding(request.getContent()));
        return reply;
    }

    private List<Float> embedding(String text) {
        SentenceEmbedder model = embedder.getIfAvailable();
        if (model == null) {
            return List.of();
        }
        return SentenceEmbedder.asList(model.embed(text));
    }

    private Counter blockCounter(String kind) {
        return Counter.builder("llm.guardrail.blocks").description("messages or answers a guardrail stopped")
                .tag("kind", kind).register(meters);
    }

    private void count(String outcome) {
        Counter.builder("llm.fallback.requests").description("messages the fallback answered")
                .tag("mode", mode).tag("outcome", outcome).register(meters).increment();
    }

    private static ChatReplied reply(Envelope envelope, FallbackRequested request, String content, ReplySource source,
            double confidence, List<KnowledgePassage> references) {
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(content);
        reply.setAgent(request.getAgent());
        reply.setIntent(request.getIntent());
        reply.setSource(source);
        reply.setConfidence(confidence);
        reply.setReferences(references);
        reply.setLatencyMs(envelope.elapsedMillis());
        // a refusal read no article; every other reply here is made of the request's passages
        reply.setKnowledgeBaseVersion(source == ReplySource.guardrail ? null : request.getKnowledgeBaseVersion());
        reply.setClassifierVersion(request.getClassifierVersion());
        return reply;
    }
}
