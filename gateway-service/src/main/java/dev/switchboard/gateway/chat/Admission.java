package dev.switchboard.gateway.chat;

import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;
import java.util.random.RandomGenerator;

/**
 * Whether this instance takes one more customer message. A count of messages in flight does not bound their wait when
 * the pipeline slows down (500 in flight at 29 replies a second is a 17 s wait), so besides the hard cap it estimates
 * the wait of a new message by Little's law, in flight ÷ replies per second over the last seconds, and refuses while
 * that is above the target: the customer hears 503 at once instead of the timeout reply 25 s later. Up to a floor of
 * messages in flight nothing is refused, so a quiet instance is never shed on a thin estimate.
 *
 * <p>The rate is the five seconds' average, or the last second's when that is higher, or the current second's once a
 * quarter of it has passed: a rate that rises is followed at once, one that falls (a stage slowing down) over the five
 * seconds. Averaged alone, the first seconds of a burst after a quiet spell counted the quiet seconds: at 250
 * messages/s after 30 quiet seconds the estimate climbed from 24 to 164 replies a second over five seconds while the
 * stack answered about 250, and 326 customers were refused. With the last whole second, the first second of such a
 * burst still had none to go by and refused above the floor (docs/benchmarks.md).
 */
final class Admission {

    /** Replies per whole second, over this many past seconds (the current one is still filling). */
    private static final int WINDOW_SECONDS = 5;
    private static final int SLOTS = WINDOW_SECONDS + 2;
    /** The current second's replies count as a rate only after this much of it: its first milliseconds say little. */
    private static final long MIN_PARTIAL_MILLIS = 250;
    /** The longest a refused customer is told to wait before sending again. */
    private static final long MAX_RETRY_AFTER_SECONDS = 10;

    enum Verdict { ADMITTED, TOO_MANY_IN_FLIGHT, WAIT_TOO_LONG }

    private final IntSupplier inFlight;
    private final InstantSource clock;
    private final int maxInFlight;
    private final int floor;
    private final double maxWaitSeconds;
    private final AtomicLongArray secondOfSlot = new AtomicLongArray(SLOTS);
    private final AtomicLongArray repliesInSlot = new AtomicLongArray(SLOTS);

    Admission(IntSupplier inFlight, InstantSource clock, int maxInFlight, int floor, Duration maxWait) {
        this.inFlight = inFlight;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
        this.floor = floor;
        this.maxWaitSeconds = maxWait.toNanos() / 1e9;
    }

    Verdict judge() {
        int waiting = inFlight.getAsInt();
        if (waiting >= maxInFlight) {
            return Verdict.TOO_MANY_IN_FLIGHT;
        }
        if (waiting < floor) {
            return Verdict.ADMITTED;
        }
        double perSecond = repliesPerSecond();
        return perSecond > 0 && waiting / perSecond <= maxWaitSeconds ? Verdict.ADMITTED : Verdict.WAIT_TOO_LONG;
    }

    /**
     * How long a refused customer should wait before sending again: up to the time the messages in flight take to be
     * answered, at least a second and at most ten, drawn at random. A fixed wait brings every customer refused in one
     * second back in the same one: after a gateway restart, the hundreds whose connection dropped came back together
     * every second and kept the cold instance refusing them for a minute (docs/faults.md). While nothing was answered
     * lately (a stage restarting, or a cold instance) the time is unknown and the wait told is the longest: a second
     * would bring every refused customer back each second, work that the restarting stage competes with.
     */
    Duration retryAfter(RandomGenerator random) {
        double perSecond = repliesPerSecond();
        double drainSeconds = perSecond > 0 ? inFlight.getAsInt() / perSecond : MAX_RETRY_AFTER_SECONDS;
        long longest = Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, (long) Math.ceil(drainSeconds)));
        return Duration.ofSeconds(1 + random.nextLong(longest));
    }

    /** A customer message was answered (its real reply or the timeout reply). */
    void answered() {
        long second = clock.millis() / 1000;
        int slot = (int) (second % SLOTS);
        long seen = secondOfSlot.get(slot);
        if (seen != second && secondOfSlot.compareAndSet(slot, seen, second)) {
            repliesInSlot.set(slot, 0);
        }
        repliesInSlot.incrementAndGet(slot);
    }

    double repliesPerSecond() {
        long millis = clock.millis();
        long now = millis / 1000;
        long intoNow = millis % 1000;
        long replies = 0;
        long lastSecond = 0;
        double currentSecond = 0;
        for (int slot = 0; slot < SLOTS; slot++) {
            long second = secondOfSlot.get(slot);
            long inSlot = repliesInSlot.get(slot);
            if (second < now && second >= now - WINDOW_SECONDS) {
                replies += inSlot;
                if (second == now - 1) {
                    lastSecond = inSlot;
                }
            } else if (second == now && intoNow >= MIN_PARTIAL_MILLIS) {
                currentSecond = inSlot * 1000.0 / intoNow;
            }
        }
        return Math.max(Math.max(replies / (double) WINDOW_SECONDS, lastSecond), currentSecond);
    }
}
