package dev.switchboard.gateway.chat;

import dev.switchboard.events.Agent;
import dev.switchboard.events.ChatMessageReceived;
import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.ReplyChunk;
import dev.switchboard.events.ReplySource;
import dev.switchboard.gateway.GatewayProperties;
import dev.switchboard.gateway.replies.PendingReplies;
import dev.switchboard.gateway.replies.ReplyPartition;
import dev.switchboard.gateway.submission.FirstSubmission;
import dev.switchboard.gateway.submission.Submissions;
import dev.switchboard.platform.kafka.Envelope;
import dev.switchboard.platform.kafka.EventPublisher;
import dev.switchboard.schemas.Taxonomy;
import dev.switchboard.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * One customer message in, one reply out: publishes {@code ChatMessageReceived} stamped with this instance's reply
 * partition and waits for the {@code ChatReplied} with the same messageId. A reply that does not come in time is
 * answered with {@code source=fallback} rather than leaving the customer hanging.
 */
@Service
class ChatExchange {

    private static final Logger log = LoggerFactory.getLogger(ChatExchange.class);

    static final String TIMEOUT_CONTENT = "I'm sorry, this is taking longer than it should. Your message has been "
            + "received and the answer will appear in this conversation as soon as it is ready. If it is urgent, "
            + "type \"agent\" to reach a member of our support team.";

    private final EventPublisher publisher;
    private final PendingReplies pending;
    private final Submissions submissions;
    private final ReplyPartition partition;
    private final Duration replyTimeout;
    private final Admission admission;
    private final ConversationIds conversations;
    private final MeterRegistry meters;
    private final Counter timeouts;
    private final Counter foreignConversations;

    ChatExchange(EventPublisher publisher, PendingReplies pending, Submissions submissions, ReplyPartition partition,
            ConversationIds conversations, GatewayProperties properties, MeterRegistry meters) {
        this.publisher = publisher;
        this.conversations = conversations;
        this.pending = pending;
        this.submissions = submissions;
        this.partition = partition;
        this.replyTimeout = properties.replyTimeout();
        this.admission = new Admission(pending::size, InstantSource.system(), properties.maxInFlight(),
                properties.shedFloor(), properties.shedAboveWait());
        this.meters = meters;
        this.timeouts = Counter.builder("gateway.reply.timeouts")
                .description("customer messages answered with a fallback because no reply came in time")
                .register(meters);
        this.foreignConversations = Counter.builder("gateway.messages.refused").tag("reason", "foreign_conversation")
                .description("customer messages refused because they name a conversation that is not the sender's")
                .register(meters);
        Gauge.builder("gateway.replies.rate", admission, Admission::repliesPerSecond).baseUnit("replies/s")
                .description("customer messages answered per second over the last seconds (the shedding estimate)")
                .register(meters);
    }

    /**
     * Answers the customer's message. A message id the customer submitted before (within the submission window) is not
     * sent again: it gets the first submission's reply, waiting for it while it is in flight.
     */
    Mono<Answer> send(CustomerMessage message, String userId, String channel, Consumer<ReplyChunk> chunks) {
        if (message.conversationId() != null && !conversations.ownedBy(message.conversationId(), userId)) {
            foreignConversations.increment();
            return Mono.just(message).handle((refused, sink) -> {
                log.warn("Refused messageId={} of userId={}: conversationId={} is not theirs", refused.id(), userId,
                        refused.conversationId());
                sink.error(new ForeignConversationException());
            });
        }
        Admission.Verdict verdict = admission.judge();
        if (verdict != Admission.Verdict.ADMITTED) {
            Mono<Answer> refused = Mono.defer(() -> shed(verdict));
            // a message sent again after its reply came (the customers of a restarted gateway, say) gets that reply:
            // refusing it would cost the pipeline nothing and keep the customer sending it
            return message.id() == null ? refused : submissions.answeredBefore(userId, message.id())
                    .map(reply -> new Answer(reply, false)).switchIfEmpty(refused);
        }
        Instant receivedAt = Instant.now();
        Instant clientTimestamp = clientTimestamp(message.timestamp());
        String proposedConversation = message.conversationId() != null ? message.conversationId()
                : message.id() != null ? conversations.forFirstMessage(userId, message.id())
                : conversations.mint(userId);
        if (message.id() == null) {
            Envelope envelope = new Envelope(UUID.randomUUID().toString(), proposedConversation, userId,
                    partition.number(), receivedAt);
            return process(envelope, message, clientTimestamp, channel, chunks, () -> { });
        }
        return submissions.claim(userId, message.id(), proposedConversation).flatMap(claim -> {
            Envelope envelope = new Envelope(message.id(), claim.conversationId(), userId, partition.number(),
                    receivedAt);
            if (claim.first()) {
                return processClaimed(envelope, message, clientTimestamp, channel, chunks);
            }
            if (claim.reply() != null) {
                return Mono.just(new Answer(claim.reply(), false));
            }
            // the first submission's reply, unless its replica went down before the message reached the pipeline:
            // then this one publishes it
            return submissions.first(userId, message.id(), replyTimeout)
                    .flatMap(first -> first instanceof FirstSubmission.TakenOver takenOver
                            ? processClaimed(new Envelope(message.id(), takenOver.conversationId(), userId,
                                    partition.number(), receivedAt), message, clientTimestamp, channel, chunks)
                            : Mono.just(new Answer(((FirstSubmission.Answered) first).reply(), false)))
                    .switchIfEmpty(Mono.fromSupplier(() -> new Answer(timedOut(envelope), true)));
        });
    }

    /**
     * Publishes a message this replica holds the claim of, notes it published so that no other replica takes it over,
     * and gives the claim back when it cannot be published, so that the client's retry is.
     */
    private Mono<Answer> processClaimed(Envelope envelope, CustomerMessage message, Instant clientTimestamp,
            String channel, Consumer<ReplyChunk> chunks) {
        return process(envelope, message, clientTimestamp, channel, chunks,
                () -> submissions.published(envelope.userId(), envelope.messageId()).subscribe())
                .doOnError(PipelineUnavailableException.class,
                        e -> submissions.release(envelope.userId(), envelope.messageId()).subscribe());
    }

    private Mono<Answer> shed(Admission.Verdict verdict) {
        Counter.builder("gateway.messages.shed").tag("reason", verdict.name().toLowerCase(Locale.ROOT))
                .description("customer messages refused with 503 and Retry-After instead of waiting too long")
                .register(meters).increment();
        return Mono.error(new PipelineBusyException(pending.size(), admission.retryAfter(ThreadLocalRandom.current())));
    }

    /** The real reply to a message that was answered with the timeout placeholder, if it comes while waited for. */
    Mono<Answer> lateReply(String userId, String messageId) {
        return submissions.reply(userId, messageId, submissions.lateReplyWait())
                .map(reply -> new Answer(reply, false));
    }

    private Mono<Answer> process(Envelope envelope, CustomerMessage message, Instant clientTimestamp, String channel,
            Consumer<ReplyChunk> chunks, Runnable published) {
        ChatMessageReceived event = envelope.stamp(new ChatMessageReceived());
        event.setContent(message.cleanContent());
        event.setChannel(channel);
        event.setClientTimestamp(clientTimestamp);
        event.setChoice(message.choice());

        Mono<ChatReplied> reply = pending.expect(envelope.userId(), envelope.messageId(), chunks);
        // handle() runs with the request's observation restored from the Reactor context (the gateway propagates it
        // only there, application.yml), so the record carries the HTTP request's trace and the warning its trace id
        return Mono.just(event).<CompletableFuture<Void>>handle((received, sink) -> sink.next(
                        publisher.publish(Topics.CHAT_INBOUND, envelope.conversationId(), received)))
                .flatMap(Mono::fromFuture)
                .doOnSuccess(acknowledged -> published.run())
                .onErrorMap(e -> new PipelineUnavailableException(e))
                .doOnError(e -> pending.forget(envelope.userId(), envelope.messageId()))
                .then(reply.map(r -> new Answer(r, false))
                        .timeout(replyTimeout, Mono.just(envelope).handle((waited, sink) ->
                                sink.next(new Answer(timedOut(waited), true)))))
                .doOnNext(answer -> {
                    admission.answered();
                    record(answer.reply(), channel, envelope.receivedAt());
                });
    }

    private ChatReplied timedOut(Envelope envelope) {
        timeouts.increment();
        log.warn("No reply for messageId={} within {}; answering with a fallback", envelope.messageId(), replyTimeout);
        ChatReplied reply = envelope.stamp(new ChatReplied());
        reply.setReplyId(UUID.randomUUID().toString());
        reply.setContent(TIMEOUT_CONTENT);
        reply.setAgent(Agent.general);
        reply.setIntent(Taxonomy.UNKNOWN);
        reply.setSource(ReplySource.fallback);
        reply.setConfidence(0.0);
        reply.setReferences(List.of());
        reply.setLatencyMs(envelope.elapsedMillis());
        return reply;
    }

    private void record(ChatReplied reply, String channel, Instant receivedAt) {
        Timer.builder("chat.response.time").description("from accepting a customer message to answering it")
                .tag("channel", channel).tag("source", reply.getSource().name()).tag("agent", reply.getAgent().name())
                .publishPercentileHistogram().register(meters)
                .record(Duration.between(receivedAt, Instant.now()).toNanos(), TimeUnit.NANOSECONDS);
    }

    private static Instant clientTimestamp(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("timestamp", "must be an ISO-8601 instant such as 2026-01-31T09:30:00Z");
        }
    }
}
