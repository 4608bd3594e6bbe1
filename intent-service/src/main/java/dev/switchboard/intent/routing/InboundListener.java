package dev.switchboard.intent.routing;

import dev.switchboard.embedding.SentenceEmbedder;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.IntentCandidate;
import dev.switchboard.events.IntentClassified;
import dev.switchboard.events.ReplySource;
import dev.switchboard.events.Route;
import dev.switchboard.events.Suggestion;
import dev.switchboard.intent.classification.Classification;
import dev.switchboard.intent.guardrail.Guardrail;
import dev.switchboard.language.guardrail.GuardrailReplies;
import dev.switchboard.language.guardrail.LanguageReplies;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.platform.kafka.RecordBatches;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Topics;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Classifies every customer message and hands it on: {@code IntentClassified} on chat.classified for every turn (its
 * route says who answers), also on chat.flow for account-service when the turn is routed to a guided flow or its
 * conversation was in one, and for a clarification the clarifying question itself on chat.replies, for a turn the
 * input guardrail stops the refusal, the language reply or the scope reply (no article, no references).
 */
@Component
class InboundListener {

    private static final Logger log = LoggerFactory.getLogger(InboundListener.class);
    /** Started once a knowledge base version is loaded (RoutingConfiguration). */
    static final String ID = "inbound";
    /** The scope reply's quick reply: words the routing reads as a request for a person. */
    static final String TALK_TO_A_PERSON = "Talk to a person";

    private final TurnRouter router;
    private final EventPublisher publisher;
    private final RecordBatches batches;
    private final IntentTitles titles;
    private final FlowRouting flows;

    InboundListener(TurnRouter router, EventPublisher publisher, RecordBatches batches, IntentTitles titles,
            FlowRouting flows) {
        this.router = router;
        this.flows = flows;
        this.publisher = publisher;
        this.batches = batches;
        this.titles = titles;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.Names.CHAT_INBOUND, batch = "true",
            autoStartup = "false")
    void on(List<ConsumerRecord<String, ChatMessageReceived>> records) {
        batches.inOrder(records, this::classify);
    }

    private CompletableFuture<Void> classify(ChatMessageReceived message) {
        long now = System.currentTimeMillis();
        boolean wasInFlow = flows.inFlow(message.getConversationId(), now);
        TurnRouter.Routed routed = flows.route(message.getConversationId(), message.getUserId(),
                router.route(message.getConversationId(), message.getContent(), message.getChoice(), now),
                message.getContent(), message.getChoice() != null, message.getReceivedAt().toEpochMilli(), now);
        Classification result = routed.classification();
        IntentClassified event = Envelope.of(message).stamp(new IntentClassified());
        event.setContent(message.getContent());
        event.setIntent(result.intent());
        event.setAgent(result.agent());
        event.setConfidence(result.confidence());
        event.setCandidates(result.candidates().stream()
                .map(c -> new IntentCandidate(c.intent(), c.agent(), c.score())).toList());
        event.setClassifierVersion(result.classifierVersion());
        event.setEmbedding(SentenceEmbedder.asList(result.embedding()));
        event.setFrustration(routed.frustration());
        event.setRoute(routed.route());
        event.setSecondaryIntents(result.secondary());
        event.setLanguage(routed.language());
        event.setChoice(message.getChoice());
        event.setFlow(routed.flow());
        // knowledge-service answers a kept follow-up from its topic's articles: its words alone often name another
        event.setFollowUp(routed.followUp() && routed.route() == Route.knowledge);
        CompletableFuture<Void> classified = publisher.publish(Topics.CHAT_CLASSIFIED, message.getConversationId(),
                event);
        CompletableFuture<Void> sent = routed.route() == Route.flow || wasInFlow
                ? CompletableFuture.allOf(classified,
                        publisher.publish(Topics.CHAT_FLOW, message.getConversationId(), event))
                : classified;
        // never the message's text: an attack's wording is no more logged than a customer's
        log.info("messageId={} conversationId={} intent={} agent={} confidence={} route={} secondary={} frustration={} "
                + "flow={} followUp={} picked={} escalated={} guardrail={} language={} attack={} offTopic={} "
                + "learned={}",
                message.getMessageId(), message.getConversationId(), result.intent(), result.agent(),
                String.format("%.2f", result.confidence()), routed.route(), result.secondary(), routed.frustration(),
                routed.flow(), routed.followUp(), routed.picked(), routed.escalated(), routed.guardrail(), routed.language(),
                String.format("%.3f", result.screening().attack()), String.format("%.3f", result.screening().offTopic()),
                String.format("%.3f", result.screening().learned()));
        return switch (routed.route()) {
            case clarification -> CompletableFuture.allOf(sent, ask(message, routed));
            case guardrail -> CompletableFuture.allOf(sent, decline(message, routed));
            default -> sent;
        };
    }

    /**
     * The refusal of an attack, or the crisis reply to a person who may be at risk, or the language reply to a message
     * not in English (in its language where we have the words), or the scope reply to an off-topic request; the last
     * three with a person offered as a quick reply (its label asks for one in words, so clicking it is read like
     * typing it).
     */
    private CompletableFuture<Void> decline(ChatMessageReceived message, TurnRouter.Routed routed) {
        if (routed.guardrail() == Guardrail.Outcome.refused) {
            return reply(message, routed, GuardrailReplies.REFUSAL, ReplySource.guardrail, 1.0, List.of());
        }
        String content = routed.guardrail() == Guardrail.Outcome.crisis ? GuardrailReplies.CRISIS
                : routed.otherLanguage() ? LanguageReplies.in(routed.language()) : GuardrailReplies.OFF_TOPIC;
        return reply(message, routed, content, ReplySource.guardrail, 1.0,
                List.of(new Suggestion(Taxonomy.HUMAN_HANDOFF, TALK_TO_A_PERSON)));
    }

    /** The clarifying question, with the offered intents as suggestions (id = intent, label = its title). */
    private CompletableFuture<Void> ask(ChatMessageReceived message, TurnRouter.Routed routed) {
        List<Suggestion> suggestions = routed.offered().stream()
                .map(intent -> new Suggestion(intent, titles.label(intent))).toList();
        String topics = suggestions.stream().filter(s -> !s.getId().equals(Taxonomy.HUMAN_HANDOFF))
                .map(s -> s.getLabel().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
        return reply(message, routed, "I want to get this right. Which of these is it about: " + topics
                + "? If it is something else, I can put you through to a person.", ReplySource.clarification,
                routed.classification().confidence(), suggestions);
    }

    /** A reply intent-service makes itself: it reads no article, so it cites none. */
    private CompletableFuture<Void> reply(ChatMessageReceived message, TurnRouter.Routed routed, String content,
            ReplySource source, double confidence, List<Suggestion> suggestions) {
        Envelope envelope = Envelope.of(message);
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(content);
        reply.setAgent(routed.classification().agent());
        reply.setIntent(routed.classification().intent());
        reply.setSource(source);
        reply.setConfidence(confidence);
        reply.setReferences(List.of());
        reply.setSuggestions(suggestions);
        reply.setLatencyMs(envelope.elapsedMillis());
        reply.setClassifierVersion(routed.classification().classifierVersion());
        return publisher.reply(Topics.CHAT_REPLIES, envelope.replyTo(), envelope.conversationId(), reply);
    }
}
