package dev.switchboard.knowledge.answering;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.FallbackRequested;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.ReplySource;
import dev.switchboard.events.Route;
import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.knowledge.base.KnowledgeBase;
import dev.switchboard.knowledge.retrieval.Retrieval;
import dev.switchboard.knowledge.retrieval.RetrievalSettings;
import dev.switchboard.knowledge.retrieval.Retriever;
import dev.switchboard.language.NoAnswerReply;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Answers the turns routed to it ({@code knowledge} and {@code handoff}; the others are answered by the service that
 * owns their route): from the knowledge base when retrieval is confident, escalates requests for a person
 * (saying what happens next from the support desk's hours), says honestly that it has no answer when nothing in it
 * supports one or the question asks about something its best match never mentions, and otherwise asks the LLM
 * fallback to answer with the best passages. A follow-up intent-service kept on the conversation's topic
 * ({@code IntentClassified.followUp}) is answered from that topic's articles only: by the article its words are
 * nearest when they are about the topic's texts at all, else by the fallback with those articles.
 */
@Component
class ClassifiedListener {

    private static final Logger log = LoggerFactory.getLogger(ClassifiedListener.class);
    static final String ID = "answering";

    /** The knowledge base version intent-service's classifier was trained on, at the end of its version. */
    private static final Pattern TRAINED_ON = Pattern.compile("-kb-(\\d+)$");

    private final Retriever retriever;
    private final EventPublisher publisher;
    private final AnsweringProperties properties;
    private final RetrievalSettings settings;
    private final SupportHours supportHours;
    private final Clock clock;
    private final MeterRegistry meters;
    private final RecordBatches batches;
    private final SentenceEmbedder embedder;
    private final UncoveredQuestions uncoveredQuestions;

    ClassifiedListener(Retriever retriever, EventPublisher publisher, AnsweringProperties properties,
            RetrievalSettings settings, SupportHours supportHours, Clock clock, MeterRegistry meters,
            RecordBatches batches, SentenceEmbedder embedder, UncoveredQuestions uncoveredQuestions) {
        this.embedder = embedder;
        this.uncoveredQuestions = uncoveredQuestions;
        this.retriever = retriever;
        this.publisher = publisher;
        this.properties = properties;
        this.settings = settings;
        this.supportHours = supportHours;
        this.clock = clock;
        this.meters = meters;
        this.batches = batches;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.Names.CHAT_CLASSIFIED, batch = "true")
    void on(List<ConsumerRecord<String, IntentClassified>> records) {
        batches.inOrder(records, this::answer);
    }

    private CompletableFuture<Void> answer(IntentClassified message) {
        if (message.getRoute() != Route.knowledge && message.getRoute() != Route.handoff) {
            // another service answers this turn (intent-service a clarification or guardrail, account-service a flow)
            log.debug("messageId={} route={} is answered elsewhere", message.getMessageId(), message.getRoute());
            return CompletableFuture.completedFuture(null);
        }
        Envelope envelope = Envelope.of(message);
        Retriever.Served served = retriever.served();
        noteAVersionMix(message, served);
        if (message.getRoute() == Route.handoff || message.getIntent().equals(Taxonomy.HUMAN_HANDOFF)) {
            return escalate(envelope, message, served);
        }
        float[] embedding = embedding(message);
        boolean followUp = message.getFollowUp();
        Retrieval retrieval = followUp
                ? retriever.retrieveWithin(served, message.getIntent(), message.getContent(), embedding)
                : retriever.retrieve(served, message.getContent(), embedding, prior(message), Retriever.Origin.CHAT);
        Retrieval.RankedIntent best = retrieval.best().orElseThrow();
        if (retrieval.confident() && best.intent().equals(Taxonomy.HUMAN_HANDOFF)) {
            return escalate(envelope, message, served);
        } else if (uncoveredQuestions.uncovered(served.knowledgeBase(), message.getContent(), embedding, best)) {
            // confident or not: retrieval placed the question by its frame, not by what it asks about
            Counter.builder("knowledge.base.misses").description("messages the knowledge base did not answer")
                    .tag("reason", "uncovered").register(meters).increment();
            return unanswered(envelope, message, served, best, "its best match's text does not cover what it asks");
        } else if (retrieval.confident()) {
            Counter.builder("knowledge.base.hits").description("messages answered from the knowledge base")
                    .tag("stage", retrieval.matchedBy().tag()).register(meters).increment();
            return answer(envelope, message, retrieval, served,
                    served.knowledgeBase().entry(best.intent()).orElseThrow());
        } else if (followUp) {
            // the no-answer bounds judge the words alone, which a follow-up's seldom carry: the model gets the topic's
            // passages with the turn, and says so itself when they do not cover it
            Counter.builder("knowledge.base.misses").description("messages the knowledge base did not answer")
                    .tag("reason", "follow_up").register(meters).increment();
            return fallback(envelope, message, retrieval, served, String.format(Locale.ROOT, "a follow-up on %s whose "
                    + "words are not similar enough to its texts (%.2f, below %.2f)", best.intent(), best.similarity(),
                    settings.followUpFloor()));
        } else if (best.score() < properties.noAnswer().score()
                || best.similarity() < properties.noAnswer().similarity()) {
            Counter.builder("knowledge.base.misses").description("messages the knowledge base did not answer")
                    .tag("reason", "no_answer").register(meters).increment();
            return unanswered(envelope, message, served, best, "below the no-answer bounds");
        } else {
            boolean offTopic = best.similarity() < settings.similarityFloor();
            Counter.builder("knowledge.base.misses").description("messages the knowledge base did not answer")
                    .tag("reason", offTopic ? "off_topic" : "low_score").register(meters).increment();
            return fallback(envelope, message, retrieval, served, offTopic
                    ? String.format(Locale.ROOT, "no knowledge-base article is about this message (best similarity "
                            + "%.2f is below %.2f)", best.similarity(), settings.similarityFloor())
                    : String.format(Locale.ROOT, "best knowledge-base match %s scored %.2f, below the answer "
                            + "threshold %.2f", best.intent(), best.score(), settings.answerThreshold()));
        }
    }

    private CompletableFuture<Void> answer(Envelope envelope, IntentClassified message, Retrieval retrieval,
            Retriever.Served served, KnowledgeBase.Entry entry) {
        List<KnowledgePassage> references = retrieval.hits().stream().filter(h -> h.intent().equals(entry.intent()))
                .limit(properties.passages()).map(ClassifiedListener::passage).toList();
        return publish(envelope, message, served, entry, entry.response(), ReplySource.knowledge_base,
                retrieval.confidence(), references);
    }

    /** The honest "I don't know": no article, a person offered, and the question for the knowledge-gap report. */
    private CompletableFuture<Void> unanswered(Envelope envelope, IntentClassified message, Retriever.Served served,
            Retrieval.RankedIntent best, String why) {
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(NoAnswerReply.TEXT);
        reply.setAgent(message.getAgent());
        reply.setIntent(message.getIntent());
        reply.setSource(ReplySource.no_answer);
        reply.setConfidence(best.score());
        reply.setReferences(List.of());
        reply.setSuggestions(NoAnswerReply.suggestions());
        reply.setLatencyMs(envelope.elapsedMillis());
        reply.setKnowledgeBaseVersion(served.version().versionId());
        reply.setClassifierVersion(message.getClassifierVersion());
        reply.setQuestion(message.getContent());
        reply.setQuestionEmbedding(questionEmbedding(message));
        log.info("messageId={} not answered: best knowledge-base match {} scored {} (similarity {}), {}",
                envelope.messageId(), best.intent(), best.score(), best.similarity(), why);
        return publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply);
    }

    /** The classifier's embedding of the message when it sent one of this model's size, else embedded here. */
    private List<Float> questionEmbedding(IntentClassified message) {
        List<Float> sent = message.getEmbedding();
        if (sent != null && !sent.isEmpty()) {
            return sent;
        }
        return SentenceEmbedder.asList(embedder.embed(message.getContent()));
    }

    private CompletableFuture<Void> escalate(Envelope envelope, IntentClassified message, Retriever.Served served) {
        KnowledgeBase.Entry entry = served.knowledgeBase().entry(Taxonomy.HUMAN_HANDOFF).orElseThrow();
        return publish(envelope, message, served, entry,
                entry.response() + " " + supportHours.whatHappensNext(clock),
                ReplySource.escalation, message.getConfidence(), List.of());
    }

    private CompletableFuture<Void> publish(Envelope envelope, IntentClassified message, Retriever.Served served,
            KnowledgeBase.Entry entry, String content, ReplySource source, double confidence,
            List<KnowledgePassage> references) {
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(content);
        reply.setAgent(entry.agent());
        reply.setIntent(entry.intent());
        reply.setSource(source);
        reply.setConfidence(confidence);
        reply.setReferences(references);
        reply.setLatencyMs(envelope.elapsedMillis());
        reply.setKnowledgeBaseVersion(served.version().versionId());
        reply.setClassifierVersion(message.getClassifierVersion());
        CompletableFuture<Void> sent = publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(),
                envelope.conversationId(), reply);
        log.info("messageId={} answered source={} intent={} knowledgeBaseVersion={}", envelope.messageId(), source,
                entry.intent(), served.version().versionId());
        return sent;
    }

    private CompletableFuture<Void> fallback(Envelope envelope, IntentClassified message, Retrieval retrieval,
            Retriever.Served served, String reason) {
        FallbackRequested request = envelope.stamp(new FallbackRequested());
        request.setContent(message.getContent());
        request.setIntent(message.getIntent());
        request.setAgent(message.getAgent());
        request.setConfidence(message.getConfidence());
        request.setPassages(passages(message, retrieval).stream().map(ClassifiedListener::passage).toList());
        request.setKnowledgeBaseVersion(served.version().versionId());
        request.setClassifierVersion(message.getClassifierVersion());
        request.setReason(reason);
        CompletableFuture<Void> sent = publisher.publish(Topics.CHAT_FALLBACK, envelope.conversationId(), request);
        log.info("messageId={} sent to fallback: {}", envelope.messageId(), request.getReason());
        return sent;
    }

    /**
     * A turn classified on one knowledge base version and answered here on another (a new version reached the two
     * services a moment apart) is answered, and the mix is never silent: the reply's event names both versions, and it
     * is counted and logged.
     */
    private void noteAVersionMix(IntentClassified message, Retriever.Served served) {
        Matcher trainedOn = TRAINED_ON.matcher(message.getClassifierVersion());
        if (trainedOn.find() && Long.parseLong(trainedOn.group(1)) != served.version().versionId()) {
            Counter.builder("knowledge.version.mixes")
                    .description("turns classified on another knowledge base version than the one answering them")
                    .register(meters).increment();
            log.info("messageId={} was classified on knowledge base version {} and is answered on version {}",
                    message.getMessageId(), trainedOn.group(1), served.version().versionId());
        }
    }

    /**
     * The best passages, led by the routed intent's best article: a follow-up such as "that didn't help" retrieves
     * little by itself, while the classifier kept the conversation's intent, which is what the LLM should answer from.
     */
    private List<Retrieval.Hit> passages(IntentClassified message, Retrieval retrieval) {
        List<Retrieval.Hit> passages = new ArrayList<>();
        retrieval.hits().stream().filter(h -> h.intent().equals(message.getIntent())).findFirst()
                .ifPresent(passages::add);
        retrieval.hits().stream().filter(h -> !passages.contains(h)).limit(properties.passages() - passages.size())
                .forEach(passages::add);
        return passages;
    }

    private static KnowledgePassage passage(Retrieval.Hit hit) {
        return new KnowledgePassage(hit.articleId(), hit.title(), hit.intent(), hit.text(), hit.score());
    }

    /** The classifier's embedding of the message (same model), so it is not computed twice; null when it sent none. */
    private static float[] embedding(IntentClassified message) {
        List<Float> values = message.getEmbedding();
        if (values == null || values.isEmpty()) {
            return null;
        }
        float[] vector = new float[values.size()];
        for (int i = 0; i < vector.length; i++) {
            vector[i] = values.get(i);
        }
        return vector;
    }

    /** The routed intent and its runners-up with their probabilities. */
    private static Map<String, Double> prior(IntentClassified message) {
        Map<String, Double> prior = new HashMap<>();
        for (IntentCandidate candidate : message.getCandidates()) {
            prior.merge(candidate.getIntent(), candidate.getScore(), Math::max);
        }
        if (!message.getIntent().equals(Taxonomy.UNKNOWN)) {
            prior.merge(message.getIntent(), message.getConfidence(), Math::max);
        }
        return prior;
    }
}
