package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Idempotent submission: the same customer sending the same message id again within the window gets the first
 * submission's conversation and reply, and the message enters the pipeline once. A retry while the first is in
 * flight waits for its reply: here when it comes to this replica, from the store when another replica received it.
 */
@Component
public class Submissions {

    private static final Logger log = LoggerFactory.getLogger(Submissions.class);

    private final SubmissionStore store;
    private final SubmissionProperties properties;
    private final Map<SubmissionKey, Waiting> waiting = new ConcurrentHashMap<>();
    private final Timer claims;
    private final Counter answeredRepeats;
    private final Counter inFlightRepeats;
    private final Counter takenOver;

    Submissions(SubmissionStore store, SubmissionProperties properties, MeterRegistry meters) {
        this.store = store;
        this.properties = properties;
        this.claims = Timer.builder("gateway.submissions.claim")
                .description("time the message path spends recognising a retried message id (budget: the store "
                        + "timeout)")
                .publishPercentileHistogram().register(meters);
        this.answeredRepeats = repeats(meters, "answered");
        this.inFlightRepeats = repeats(meters, "in_flight");
        this.takenOver = Counter.builder("gateway.submissions.taken.over")
                .description("customer messages claimed by a replica that went down before publishing them, published "
                        + "by the replica a retry reached")
                .register(meters);
    }

    private static Counter repeats(MeterRegistry meters, String state) {
        return Counter.builder("gateway.submissions.repeats")
                .description("customer messages sent again with an id already submitted, by the first one's state")
                .tag("first", state).register(meters);
    }

    /** Claims the customer's message id, proposing this conversation for a first submission. */
    public Mono<Claim> claim(String userId, String messageId, String conversationId) {
        long started = System.nanoTime();
        return store.claim(new SubmissionKey(userId, messageId), conversationId).doOnNext(claim -> {
            claims.record(Duration.ofNanos(System.nanoTime() - started));
            if (!claim.first()) {
                (claim.reply() != null ? answeredRepeats : inFlightRepeats).increment();
                log.info("messageId={} was submitted before ({}): answering with its reply, not processing it again",
                        messageId, claim.reply() != null ? "answered" : "in flight");
            }
        });
    }

    /**
     * The reply to the customer's message id if it was answered before, without claiming the id: for a message the
     * gateway is about to refuse, since answering it costs the pipeline nothing.
     */
    public Mono<ChatReplied> answeredBefore(String userId, String messageId) {
        return store.reply(new SubmissionKey(userId, messageId)).doOnNext(reply -> {
            answeredRepeats.increment();
            log.info("messageId={} was answered before: answering with its reply while refusing new messages",
                    messageId);
        });
    }

    /** Notes that a claimed message reached the pipeline: a retry through any replica then waits for its reply. */
    public Mono<Void> published(String userId, String messageId) {
        return store.published(new SubmissionKey(userId, messageId));
    }

    /** Forgets a claim whose message never reached the pipeline, so that the client's retry is sent. */
    public Mono<Void> release(String userId, String messageId) {
        return store.release(new SubmissionKey(userId, messageId));
    }

    /**
     * Every reply that reaches this replica: kept for retries of its message and handed to whoever waits for it
     * beyond the first request (a retry, or a WebSocket given the timeout placeholder).
     */
    public void arrived(ChatReplied reply) {
        keep(reply, false);
    }

    /**
     * A reply that came while this replica was not reading its partition (killed, restarting), read again once it is:
     * kept for retries of its message even if this replica no longer remembers the message (its memory went with it).
     */
    public void caughtUp(ChatReplied reply) {
        keep(reply, true);
    }

    /** How far back a starting replica reads its reply partition for replies that came while it was down. */
    public Duration catchUp() {
        return properties.catchUp();
    }

    private void keep(ChatReplied reply, boolean remember) {
        SubmissionKey key = new SubmissionKey(reply.getUserId(), reply.getMessageId());
        store.answered(key, reply, remember).subscribe(null,
                e -> log.warn("Could not keep the reply to messageId={} for retries: {}", reply.getMessageId(),
                        e.toString()));
        Waiting entry = waiting.get(key);
        if (entry != null) {
            entry.sink().tryEmitValue(reply);
        }
    }

    /**
     * The first submission's reply as soon as it is known (here, or in the store when it reached another replica), or
     * its claim when this replica takes it over (its replica went down before the message reached the pipeline);
     * empty after {@code timeout}.
     */
    public Mono<FirstSubmission> first(String userId, String messageId, Duration timeout) {
        SubmissionKey key = new SubmissionKey(userId, messageId);
        Mono<FirstSubmission> stored = Flux.interval(Duration.ZERO, properties.pollInterval())
                .concatMap(tick -> store.lookAgain(key)).next()
                .doOnNext(first -> {
                    if (first instanceof FirstSubmission.TakenOver) {
                        takenOver.increment();
                        log.warn("messageId={} was claimed by a replica that never published it: publishing it here",
                                messageId);
                    }
                });
        return Mono.firstWithValue(here(key).map(FirstSubmission.Answered::new), stored).timeout(timeout, Mono.empty());
    }

    /** The reply to a message when it reaches this replica, or empty after {@code timeout}. */
    public Mono<ChatReplied> reply(String userId, String messageId, Duration timeout) {
        return here(new SubmissionKey(userId, messageId)).timeout(timeout, Mono.empty());
    }

    private Mono<ChatReplied> here(SubmissionKey key) {
        return Mono.defer(() -> {
            Waiting joined = join(key);
            return joined.sink().asMono().doFinally(signal -> leave(key, joined));
        });
    }

    private record Waiting(Sinks.One<ChatReplied> sink, int waiters) {
    }

    private Waiting join(SubmissionKey key) {
        return waiting.compute(key, (k, entry) -> entry == null ? new Waiting(Sinks.one(), 1)
                : new Waiting(entry.sink(), entry.waiters() + 1));
    }

    private void leave(SubmissionKey key, Waiting joined) {
        waiting.computeIfPresent(key, (k, entry) -> entry.sink() != joined.sink() ? entry
                : entry.waiters() <= 1 ? null : new Waiting(entry.sink(), entry.waiters() - 1));
    }

    /** The longest an open WebSocket that was given the timeout placeholder still waits for the real reply. */
    public Duration lateReplyWait() {
        return properties.lateReplyWait();
    }
}
