package dev.switchboard.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * A fault under a steady load (issue 19): messages at a set rate, each in a new conversation, with the fault done a
 * fifth of the way in on a thread of its own while the load goes on; customers send a message again when the gateway
 * answers 503 with Retry-After or their connection drops, as the chat page and a mobile client do.
 */
final class Faults {

    private static final List<String> QUESTIONS = List.of("my internet is super slow tonight", "how do I pay my bill",
            "my wifi keeps dropping", "can I add a line to my plan", "what channels are in my tv package");

    /** What the customers of one fault saw, and how long the pipeline took to have stored every reply. */
    record Result(String fault, List<SteadyLoad.Sent> sent, double secondsToEveryReplyStored) {

        long timedOut() {
            return sent.stream().filter(SteadyLoad.Sent::timedOut).count();
        }

        long sentAgain() {
            return sent.stream().filter(s -> s.retries() > 0).count();
        }

        /**
         * At most one customer in ten got the gateway's timeout placeholder (that every message was answered 200 and
         * every conversation ends with exactly one stored real reply, {@link #underLoad} checked).
         */
        void assertNothingLostOrDoubled() {
            assertThat(timedOut()).as(fault).isLessThanOrEqualTo(sent.size() / 10);
        }

        String row() {
            return String.format("| %s | %d | %d (%.1f %%) | %d | %.1f s |", fault, sent.size(), timedOut(),
                    100.0 * timedOut() / sent.size(), sentAgain(), secondsToEveryReplyStored);
        }
    }

    private Faults() {
    }

    /** Stops the broker ("kafka") or "postgres" through the launcher's control, and starts it again after {@code down}. */
    static Runnable stopFor(RunningStack stack, String part, Duration down) {
        return () -> {
            stack.control("stop " + part);
            LockSupport.parkNanos(down.toNanos());
            stack.control("start " + part);
        };
    }

    /** Kills the service instance with SIGKILL; the stack restarts it, and this returns once it is ready again. */
    static Runnable kill(RunningStack stack, String service) {
        return () -> stack.killService(service);
    }

    /** {@code perSecond} messages a second for {@code length} through {@code api}, with {@code inject} a fifth in. */
    static Result underLoad(Api api, String fault, Runnable inject, int perSecond, Duration length) throws Exception {
        String guest = api.guestToken();
        SteadyLoad load = SteadyLoad.start(api, guest, perSecond, length, QUESTIONS);
        long before = perSecond * length.toSeconds() / 5;
        await().atMost(length).until(() -> load.sentSoFar() >= before);
        long faultAt = System.nanoTime();
        CompletableFuture<Void> injected = CompletableFuture.runAsync(inject);
        List<SteadyLoad.Sent> sent = load.finish();
        injected.get(3, TimeUnit.MINUTES);
        assertThat(sent).as(fault).hasSize((int) (perSecond * length.toSeconds()));
        System.out.printf("%s: answers by status %s%n", fault, sent.stream()
                .collect(Collectors.groupingBy(SteadyLoad.Sent::status, TreeMap::new, Collectors.counting())));
        assertThat(sent).as(fault).allSatisfy(s -> assertThat(s.status()).as(s.messageId()).isEqualTo(200));

        // none lost or doubled: every conversation ends with exactly one stored reply that the pipeline made
        String conversations = sent.stream().map(s -> "'" + s.conversationId() + "'").collect(Collectors.joining(","));
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> assertThat(Stores.row("chat", """
                select count(distinct conversation_id) as answered, count(*) as replies,
                       count(*) filter (where content like '%%%s%%') as placeholders
                from messages where role = 'assistant' and conversation_id in (%s)"""
                .formatted(SteadyLoad.TIMEOUT_REPLY, conversations))).as(fault)
                .containsEntry("answered", (long) sent.size()).containsEntry("replies", (long) sent.size())
                .containsEntry("placeholders", 0L));
        Result result = new Result(fault, sent, (System.nanoTime() - faultAt) / 1e9);
        System.out.printf("%s under %d messages/s: %d of %d customers got the timeout reply, %d sent again after a "
                + "503 or a dropped connection; every conversation had its one stored reply %.1f s after the fault%n",
                fault, perSecond, result.timedOut(), sent.size(), result.sentAgain(),
                result.secondsToEveryReplyStored());
        return result;
    }
}
