package dev.switchboard.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class TallyTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    // 10 messages a second, 1 s of warm-up, then 2 s measured
    private final OpenLoopSchedule schedule = new OpenLoopSchedule(0, 10, Duration.ofSeconds(1),
            Duration.ofSeconds(2));

    @Test
    void theScheduleSpacesMessagesEvenlyAndCountsOnlyTheMeasuredWindow() {
        // Given 10 messages a second over 3 s, warm-up included
        // Then 30 messages go out, each 100 ms after the previous one
        assertThat(schedule.messages()).isEqualTo(30);
        assertThat(schedule.intendedNanos(15)).isEqualTo(15 * SECOND / 10);
        // And only those meant for after the warm-up and before the end count
        assertThat(schedule.counted(schedule.intendedNanos(9))).isFalse();
        assertThat(schedule.counted(schedule.intendedNanos(10))).isTrue();
        assertThat(schedule.counted(schedule.intendedNanos(29))).isTrue();
        assertThat(schedule.counted(schedule.endNanos())).isFalse();
    }

    @Test
    void latencyRunsFromTheIntendedSendTimeSoAStalledSenderStillShows() {
        // Given a message meant for t=1.0 s that the sender only got out at t=1.4 s (stalled), answered at t=1.5 s
        Tally tally = new Tally(schedule);
        long intended = SECOND;
        tally.sent(intended);

        // When its answer is counted
        tally.answered(Channel.REST, Kind.KB, intended, SECOND * 15 / 10, reply("knowledge_base", "Restart it."));

        // Then the customer's 500 ms count, not the server's 100 ms (to the histogram's 3 significant digits)
        TrafficReport report = tally.report(Channel.REST, 0);
        assertThat(report.latency().count()).isEqualTo(1);
        assertThat(report.latency().p50Ms()).isCloseTo(500.0, Offset.offset(1.0));
        assertThat(report.latencyByChannel()).containsOnlyKeys("rest");
    }

    @Test
    void warmUpAnswersAreNotCountedButEveryOutcomeOfTheWindowIs() {
        // Given answers to a warm-up message and to measured ones of every kind
        Tally tally = new Tally(schedule);
        long warmUp = SECOND / 2;
        long measured = SECOND * 12 / 10;
        tally.answered(Channel.REST, Kind.KB, warmUp, warmUp + SECOND / 10, reply("knowledge_base", "x"));
        tally.answered(Channel.REST, Kind.KB, measured, measured + SECOND / 100, reply("knowledge_base", "x"));
        tally.answered(Channel.WEBSOCKET, Kind.HANDOFF, measured, measured + SECOND / 100, reply("escalation", "x"));
        tally.answered(Channel.REST, Kind.FALLBACK, measured, measured + 26 * SECOND,
                reply("fallback", Answer.TIMEOUT_PREFIX + " Your message has been received..."));
        tally.answered(Channel.REST, Kind.KB, measured, measured + SECOND / 100, Answer.httpError(503));
        tally.answered(Channel.REST, Kind.KB, measured, measured + 3 * SECOND, Answer.httpError(503));
        tally.answered(Channel.WEBSOCKET, Kind.KB, measured, measured + SECOND / 100, Answer.webSocketError(409));
        tally.unanswered(measured);
        tally.unanswered(warmUp);

        // When the report is made
        TrafficReport report = tally.report(Channel.MIXED, 3);

        // Then the warm-up message counts nowhere and the timeout placeholder is told apart from real replies
        assertThat(report.latency().count()).isEqualTo(3);
        assertThat(report.sourcesByKind()).isEqualTo(Map.of("kb", Map.of("knowledge_base", 1L),
                "handoff", Map.of("escalation", 1L)));
        assertThat(report.gatewayTimeouts()).isEqualTo(1);
        assertThat(report.httpErrors()).isEqualTo(Map.of(503, 2L));
        assertThat(report.webSocketErrors()).isEqualTo(Map.of(409, 1L));
        assertThat(report.webSocketErrorsWithoutId()).isEqualTo(3);
        assertThat(report.noAnswers()).isEqualTo(1);
        // And the errors have a latency of their own, and every answer, reply or error, counts against the 2 s
        assertThat(report.refusalLatency().count()).isEqualTo(3);
        assertThat(report.refusalLatency().maxMs()).isCloseTo(3_000.0, Offset.offset(3.0));
        assertThat(report.answerLatency().count()).isEqualTo(6);
        assertThat(report.answersOverTwoSeconds()).isEqualTo(2);
        // And throughput counts the real replies that arrived inside the 2 s window
        assertThat(report.answeredPerSecond()).isEqualTo(2 / 2.0);
    }

    private static Answer reply(String source, String content) {
        return Answer.reply(JSON.readTree("{\"source\":\"" + source + "\",\"content\":\"" + content
                + "\",\"conversationId\":\"c-1\"}"));
    }
}
