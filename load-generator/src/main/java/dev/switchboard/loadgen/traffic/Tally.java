package dev.switchboard.loadgen.traffic;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;

/**
 * Everything counted about the messages of one run, from any thread. Only messages meant for the measured window
 * count; latency runs from each message's intended send time to its answer.
 */
final class Tally {

    /** An hour in microseconds: well beyond any grace period. */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    /** Under overload every message is to be answered within this, with a reply or a refusal (issue 14). */
    private static final long ANSWER_WITHIN_MICROS = TimeUnit.SECONDS.toMicros(2);

    private final OpenLoopSchedule schedule;
    private final ConcurrentHistogram overall = histogram();
    private final Map<String, ConcurrentHistogram> byChannel = new ConcurrentHashMap<>();
    private final ConcurrentHistogram refusals = histogram();
    private final ConcurrentHistogram everyAnswer = histogram();
    private final LongAdder sent = new LongAdder();
    private final LongAdder counted = new LongAdder();
    private final LongAdder repliesInWindow = new LongAdder();
    private final LongAdder gatewayTimeouts = new LongAdder();
    private final LongAdder noAnswers = new LongAdder();
    private final Map<String, Map<String, LongAdder>> sourcesByKind = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> httpErrors = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> webSocketErrors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    Tally(OpenLoopSchedule schedule) {
        this.schedule = schedule;
    }

    void sent(long intendedNanos) {
        sent.increment();
        if (schedule.counted(intendedNanos)) {
            counted.increment();
        }
    }

    void answered(Channel channel, Kind kind, long intendedNanos, long answeredNanos, Answer answer) {
        boolean reply = answer.outcome() == Answer.Outcome.REPLY;
        if (reply && !answer.gatewayTimeout() && schedule.inWindow(answeredNanos)) {
            repliesInWindow.increment();
        }
        if (!schedule.counted(intendedNanos)) {
            return;
        }
        long micros = Math.min(HIGHEST_MICROS,
                Math.max(0, TimeUnit.NANOSECONDS.toMicros(answeredNanos - intendedNanos)));
        if (answer.outcome() != Answer.Outcome.FAILURE) {
            everyAnswer.recordValue(micros);
        }
        switch (answer.outcome()) {
            case REPLY -> {
                // the timeout placeholder is what the customer waited for, so it counts in the latency too
                overall.recordValue(micros);
                byChannel.computeIfAbsent(channel.label(), c -> histogram()).recordValue(micros);
                if (answer.gatewayTimeout()) {
                    gatewayTimeouts.increment();
                } else {
                    sourcesByKind.computeIfAbsent(kind.label(), k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(answer.source(), s -> new LongAdder()).increment();
                }
            }
            case HTTP_ERROR -> {
                refusals.recordValue(micros);
                httpErrors.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
            }
            case WS_ERROR -> {
                refusals.recordValue(micros);
                webSocketErrors.computeIfAbsent(answer.status(), s -> new LongAdder()).increment();
            }
            case FAILURE -> failures.computeIfAbsent(answer.failure(), f -> new LongAdder()).increment();
        }
    }

    void unanswered(long intendedNanos) {
        if (schedule.counted(intendedNanos)) {
            noAnswers.increment();
        }
    }

    TrafficReport report(Channel channel, long webSocketErrorsWithoutId) {
        double seconds = schedule.duration().toNanos() / 1e9;
        Map<String, Latency> channels = new TreeMap<>();
        byChannel.forEach((name, histogram) -> channels.put(name, Latency.of(histogram)));
        Map<String, Map<String, Long>> sources = new TreeMap<>();
        sourcesByKind.forEach((kind, counts) -> sources.put(kind, sums(counts)));
        return new TrafficReport(channel.label(), schedule.ratePerSecond(), seconds, sent.sum(), counted.sum(),
                repliesInWindow.sum() / seconds, Latency.of(overall), channels, Latency.of(refusals),
                Latency.of(everyAnswer), everyAnswer.getCountBetweenValues(ANSWER_WITHIN_MICROS + 1, HIGHEST_MICROS),
                sources, sums(httpErrors), sums(webSocketErrors), webSocketErrorsWithoutId, sums(failures),
                gatewayTimeouts.sum(), noAnswers.sum());
    }

    private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> counts) {
        Map<K, Long> sums = new TreeMap<>();
        counts.forEach((key, count) -> sums.put(key, count.sum()));
        return sums;
    }

    private static ConcurrentHistogram histogram() {
        return new ConcurrentHistogram(HIGHEST_MICROS, 3);
    }
}
