package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import reactor.core.publisher.Mono;

/**
 * Submissions in this replica's memory: enough for one replica; replicas share them only through Redis. Bounded by
 * size, since with the 24 h window nothing expires under load (100,000 replies of a few KB each outgrew a 256 MB
 * gateway after about 50,000 messages: back-to-back full collections, no request answered). The oldest submission is
 * forgotten first: the recent ones are those a retry names. A size-bounded Caffeine cache does not do that: its
 * frequency-based admission evicted the newest submissions first.
 *
 * <p>A reply is kept encoded, as Redis keeps it: one array instead of the record's few dozen objects (its passages,
 * their strings), which the collector would otherwise copy between survivor spaces and then mark in every full
 * collection. Under load the store turns over continuously, so its entries are most of what the gateway promotes: at
 * 230 messages/s a gateway keeping the records ran four full collections a minute, one keeping the bytes one or two,
 * with half the collection time (docs/benchmarks.md).
 */
final class LocalSubmissionStore implements SubmissionStore {

    /** What an entry costs besides its reply's bytes: the map node, key, entry and their strings, generously. */
    private static final int OBJECTS = 256;

    /** {@code reply} is the encoded reply, null until it comes; {@code failure} whether it says the pipeline failed. */
    private record Entry(String conversationId, byte[] reply, boolean failure, long writtenAt, int bytes) {

        /** Whether {@code candidate} takes the place of the reply kept: the first reply, or a real one after a failure. */
        boolean replacedBy(ChatReplied candidate) {
            return reply == null || failure && !SubmissionStore.isFailure(candidate);
        }
    }

    /** In the order of first submission, the oldest first. */
    private final LinkedHashMap<SubmissionKey, Entry> entries = new LinkedHashMap<>();
    private final long maxBytes;
    private final long windowMillis;
    private final LongSupplier clock;
    private final EncodedReplies replies = new EncodedReplies();
    private long bytes;

    LocalSubmissionStore(SubmissionProperties properties) {
        this(properties, System::currentTimeMillis);
    }

    LocalSubmissionStore(SubmissionProperties properties, LongSupplier clock) {
        this.maxBytes = properties.localMaxSize().toBytes();
        this.windowMillis = properties.window().toMillis();
        this.clock = clock;
    }

    @Override
    public Mono<Claim> claim(SubmissionKey key, String conversationId) {
        return Mono.fromSupplier(() -> claimNow(key, conversationId));
    }

    synchronized Claim claimNow(SubmissionKey key, String conversationId) {
        Entry known = current(key);
        if (known != null) {
            return new Claim(false, known.conversationId(), replies.decode(known.reply()));
        }
        put(key, conversationId, null, null, clock.getAsLong());
        return new Claim(true, conversationId, null);
    }

    /** Knows the key as another replica's submission, with its reply ({@code encoded}) if it has one. */
    synchronized void rememberNow(SubmissionKey key, Claim claim, byte[] encoded) {
        put(key, claim.conversationId(), claim.reply(), encoded, clock.getAsLong());
    }

    @Override
    public Mono<Void> answered(SubmissionKey key, ChatReplied reply, boolean remember) {
        return Mono.fromRunnable(() -> answeredNow(key, reply, remember));
    }

    void answeredNow(SubmissionKey key, ChatReplied reply, boolean remember) {
        answeredNow(key, reply, replies.encode(reply), remember);
    }

    /** The same with the reply already encoded ({@code encoded}), as a store in front of Redis has it. */
    synchronized void answeredNow(SubmissionKey key, ChatReplied reply, byte[] encoded, boolean remember) {
        Entry entry = current(key);
        if (entry == null && remember) {
            put(key, reply.getConversationId(), reply, encoded, clock.getAsLong());
        } else if (entry != null && entry.replacedBy(reply)) {
            put(key, entry.conversationId(), reply, encoded, entry.writtenAt());
        }
    }

    @Override
    public Mono<ChatReplied> reply(SubmissionKey key) {
        return Mono.fromSupplier(() -> replyNow(key));
    }

    synchronized ChatReplied replyNow(SubmissionKey key) {
        Entry entry = current(key);
        return entry == null ? null : replies.decode(entry.reply());
    }

    @Override
    public Mono<Void> release(SubmissionKey key) {
        return Mono.fromRunnable(() -> releaseNow(key));
    }

    synchronized void releaseNow(SubmissionKey key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= removed.bytes();
        }
    }

    /** A replica's own claims go down with it: none is ever left behind for another to publish. */
    @Override
    public Mono<Void> published(SubmissionKey key) {
        return Mono.empty();
    }

    @Override
    public Mono<FirstSubmission> lookAgain(SubmissionKey key) {
        // only this replica's requests claim here, and a claim dies with its replica: none is ever taken over
        return reply(key).map(FirstSubmission.Answered::new);
    }

    /** The memory the entries are estimated to hold. */
    synchronized long estimatedBytes() {
        return bytes;
    }

    @Override
    public String name() {
        return "memory";
    }

    private Entry current(SubmissionKey key) {
        Entry entry = entries.get(key);
        if (entry != null && expired(entry, clock.getAsLong())) {
            releaseNow(key);
            return null;
        }
        return entry;
    }

    /** Puts the entry (a key already there keeps its place), then forgets the oldest while over the size. */
    private void put(SubmissionKey key, String conversationId, ChatReplied reply, byte[] encoded, long writtenAt) {
        Entry entry = new Entry(conversationId, encoded, reply != null && SubmissionStore.isFailure(reply), writtenAt,
                bytes(key, conversationId, encoded));
        Entry previous = entries.put(key, entry);
        bytes += entry.bytes() - (previous == null ? 0 : previous.bytes());
        long now = clock.getAsLong();
        Iterator<Map.Entry<SubmissionKey, Entry>> oldest = entries.entrySet().iterator();
        while (oldest.hasNext()) {
            Entry candidate = oldest.next().getValue();
            if (bytes <= maxBytes && !expired(candidate, now)) {
                break;
            }
            oldest.remove();
            bytes -= candidate.bytes();
        }
    }

    private boolean expired(Entry entry, long now) {
        return now - entry.writtenAt() >= windowMillis;
    }

    /** Roughly the memory an entry holds: its reply's bytes, its strings at two bytes a character, the objects. */
    private static int bytes(SubmissionKey key, String conversationId, byte[] reply) {
        long chars = key.userId().length() + key.messageId().length() + conversationId.length();
        return (int) Math.min(Integer.MAX_VALUE, OBJECTS + 2 * chars + (reply == null ? 0 : reply.length));
    }
}
