package dev.switchboard.gateway.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.gateway.chat.Admission.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-02T10:00:00.500Z"));
    private final InstantSource clock = now::get;
    private final Admission admission = new Admission(inFlight::get, clock, 500, 32, Duration.ofMillis(1500));

    @Test
    void aPipelineThatKeepsUpTakesEveryMessage() {
        // Given 100 replies a second for the last five seconds, and 120 messages in flight (1.2 s of work)
        answerPerSecond(100, 5);
        inFlight.set(120);

        // Then a new message is taken
        assertThat(admission.repliesPerSecond()).isEqualTo(100.0);
        assertThat(admission.judge()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void aPipelineThatFellBehindRefusesBeforeTheWaitGrowsPastTheTarget() {
        // Given 20 replies a second and 40 in flight: a new message would wait about 2 s
        answerPerSecond(20, 5);
        inFlight.set(40);

        // Then it is refused at once, long before the count limit
        assertThat(admission.judge()).isEqualTo(Verdict.WAIT_TOO_LONG);
    }

    @Test
    void aRateThatRisesIsFollowedAtOnce() {
        // Given a quiet spell, then a burst: 250 replies in the last second, and 100 messages in flight
        now.set(now.get().plusSeconds(4));
        answerPerSecond(250, 1);
        inFlight.set(100);

        // Then the estimate is the last second's rate (0.4 s of work), not the five seconds' average (2 s)
        assertThat(admission.repliesPerSecond()).isEqualTo(250.0);
        assertThat(admission.judge()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void theFirstSecondOfABurstAfterAQuietSpellIsFollowedWithinIt() {
        // Given nothing answered for five seconds, then 125 replies in the first half of the current second
        now.set(now.get().plusSeconds(5));
        for (int i = 0; i < 125; i++) {
            admission.answered();
        }
        inFlight.set(100);

        // Then the estimate is the current second's rate so far (0.4 s of work), not nothing
        assertThat(admission.repliesPerSecond()).isEqualTo(250.0);
        assertThat(admission.judge()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void theFirstMillisecondsOfASecondAreNotExtrapolated() {
        // Given a quiet spell, then 20 replies in the first 100 ms of the current second
        now.set(Instant.parse("2026-12-02T10:00:07.000Z"));
        for (int i = 0; i < 20; i++) {
            admission.answered();
        }
        now.set(Instant.parse("2026-12-02T10:00:07.100Z"));

        // Then they are not taken for 200 replies a second yet
        assertThat(admission.repliesPerSecond()).isZero();
    }

    @Test
    void aRateThatFallsIsAveragedOverTheWindow() {
        // Given 100 replies a second for four seconds, then 10 in the last one
        answerPerSecond(100, 4);
        answerPerSecond(10, 1);

        // Then the estimate is the five seconds' average: a pipeline slowing down is judged on its recent work
        assertThat(admission.repliesPerSecond()).isEqualTo(82.0);
    }

    @Test
    void aQuietInstanceIsNeverShedOnAThinEstimate() {
        // Given no reply for a while (a quiet night) and a few messages arriving at once
        inFlight.set(31);

        // Then they are all taken
        assertThat(admission.judge()).isEqualTo(Verdict.ADMITTED);
    }

    @Test
    void aStuckPipelineRefusesOnceTheFloorIsReached() {
        // Given nothing answered for five seconds and the floor of messages in flight
        inFlight.set(32);

        assertThat(admission.judge()).isEqualTo(Verdict.WAIT_TOO_LONG);
    }

    @Test
    void theCountLimitStillHolds() {
        answerPerSecond(1000, 5);
        inFlight.set(500);

        assertThat(admission.judge()).isEqualTo(Verdict.TOO_MANY_IN_FLIGHT);
    }

    @Test
    void repliesOlderThanTheWindowNoLongerCount() {
        // Given a busy minute long ago
        answerPerSecond(100, 5);

        // When ten quiet seconds pass
        now.set(now.get().plusSeconds(10));

        // Then the estimate knows nothing of it
        assertThat(admission.repliesPerSecond()).isZero();
    }

    @Test
    void aRefusedCustomerIsToldToComeBackWithinTheTimeTheMessagesInFlightTakeSpreadAtRandom() {
        // Given 20 replies a second and 100 in flight: five seconds of work
        answerPerSecond(20, 5);
        inFlight.set(100);

        // Then the wait told is drawn between one and five seconds
        assertThat(admission.retryAfter(drawing(false))).isEqualTo(Duration.ofSeconds(1));
        assertThat(admission.retryAfter(drawing(true))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aStalledOrColdPipelineSpreadsTheRetriesOverTheLongestWait() {
        // Given replies that stopped (a stage restarting) with the floor in flight
        answerPerSecond(10, 5);
        inFlight.set(32);

        // When the window passes with nothing answered
        now.set(now.get().plusSeconds(6));

        // Then the customers refused are spread over one to ten seconds, as when replies had only slowed down
        assertThat(admission.retryAfter(drawing(false))).isEqualTo(Duration.ofSeconds(1));
        assertThat(admission.retryAfter(drawing(true))).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theWaitToldIsAtMostTenSeconds() {
        // Given 10 replies a second and 500 in flight: 50 s of work
        answerPerSecond(10, 5);
        inFlight.set(500);

        assertThat(admission.retryAfter(drawing(true))).isEqualTo(Duration.ofSeconds(10));
    }

    /** Draws the lowest or the highest value of every range. */
    private static RandomGenerator drawing(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only bounded draws");
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    private void answerPerSecond(int replies, int seconds) {
        for (int s = 0; s < seconds; s++) {
            for (int i = 0; i < replies; i++) {
                admission.answered();
            }
            now.set(now.get().plusSeconds(1));
        }
    }
}
