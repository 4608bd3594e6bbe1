package dev.switchboard.loadgen.traffic;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the messages of an open-loop schedule, round-robin over the customers, each on its customer's channel, and
 * never waits for an answer before the next send. After the last send, answers still missing are waited for until
 * the grace period ends; what is still missing then counts as no-answer.
 */
public final class TrafficRun {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestPoster rest;
    private final List<Customer> customers;
    private final MessageMix mix;
    private final int turns;
    private final Duration grace;
    private final Map<String, InFlight> inFlight = new ConcurrentHashMap<>();
    // a fixed seed: two runs with the same options send the same messages
    private final SplittableRandom random = new SplittableRandom(14);

    /** {@code counted} completes once the answer (or its failure) is in the tally. */
    private record InFlight(Customer customer, long intendedNanos, CompletableFuture<Answer> answer,
            CompletableFuture<Void> counted) {
    }

    public TrafficRun(URI gateway, List<Customer> customers, MessageMix mix, int turns, Duration grace) {
        this.rest = new RestPoster(gateway);
        this.customers = List.copyOf(customers);
        this.mix = mix;
        this.turns = turns;
        this.grace = grace;
    }

    public TrafficReport run(OpenLoopSchedule schedule, Channel channel) {
        Tally tally = new Tally(schedule);
        for (long i = 0; i < schedule.messages(); i++) {
            long intended = schedule.intendedNanos(i);
            parkUntil(intended);
            send(customers.get((int) (i % customers.size())), intended, tally);
        }
        awaitAnswers(schedule.endNanos() + grace.toNanos(), tally);
        long errorsWithoutId = customers.stream().map(Customer::socket).filter(Objects::nonNull)
                .mapToLong(ChatSocket::errorsWithoutId).sum();
        return tally.report(channel, errorsWithoutId);
    }

    private void send(Customer customer, long intended, Tally tally) {
        MessageMix.Question question = mix.draw(random);
        String messageId = UUID.randomUUID().toString();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", messageId);
        message.put("content", question.content());
        message.put("role", "user");
        message.put("timestamp", Instant.now().toString());
        String conversationId = customer.nextConversation(turns);
        if (conversationId != null) {
            message.put("conversationId", conversationId);
        }
        String body = JSON.writeValueAsString(message);
        CompletableFuture<Answer> answer;
        try {
            answer = customer.channel() == Channel.REST ? rest.post(customer.token(), body)
                    : customer.socket() != null ? customer.socket().send(messageId, body)
                    : CompletableFuture.completedFuture(Answer.failure(new ConnectException("socket did not open")));
        } catch (RuntimeException e) {
            answer = CompletableFuture.completedFuture(Answer.failure(e));
        }
        tally.sent(intended);
        CompletableFuture<Void> counted = new CompletableFuture<>();
        inFlight.put(messageId, new InFlight(customer, intended, answer, counted));
        answer.whenComplete((result, error) -> {
            try {
                long answeredAt = System.nanoTime();
                if (inFlight.remove(messageId) == null) {
                    return; // already counted as no-answer
                }
                Answer outcome = error != null ? Answer.failure(error) : result;
                tally.answered(customer.channel(), question.kind(), intended, answeredAt, outcome);
                if (outcome.outcome() == Answer.Outcome.REPLY) {
                    customer.replied(outcome.conversationId(), turns);
                }
            } finally {
                counted.complete(null);
            }
        });
    }

    private void awaitAnswers(long deadlineNanos, Tally tally) {
        // waits until each answer is counted, not only until it arrived: an answer that completed while the last
        // ones were awaited could otherwise still be in flight below and count as no-answer (StackIT saw one)
        CompletableFuture<?>[] waiting = inFlight.values().stream().map(InFlight::counted)
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(waiting).get(Math.max(0, deadlineNanos - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // what is still in flight is counted below; a failed answer has been counted already
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inFlight.forEach((messageId, unanswered) -> {
            if (inFlight.remove(messageId) != null) {
                tally.unanswered(unanswered.intendedNanos());
                if (unanswered.customer().socket() != null) {
                    unanswered.customer().socket().forget(messageId);
                }
                unanswered.answer().cancel(true);
            }
        });
    }

    private static void parkUntil(long nanos) {
        for (long left = nanos - System.nanoTime(); left > 0; left = nanos - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
