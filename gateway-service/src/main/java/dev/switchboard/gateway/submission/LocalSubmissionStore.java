package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.events.KnowledgePassage;
import dev.switchboard.events.Suggestion;
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
 */
final class LocalSubmissionStore implements SubmissionStore {

    /** What an entry costs besides its characters: the map node, key, entry, reply and their headers, generously. */
    private static final int OBJECTS = 1024;

    private record Entry(String conversationId, ChatReplied reply, long writtenAt, int bytes) {
    }

    /** In the order of first submission, the oldest first. */
    private final LinkedHashMap<SubmissionKey, Entry> entries = new LinkedHashMap<>();
    private final long maxBytes;
    private final long windowMillis;
    private final LongSupplier clock;
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
            return new Claim(false, known.conversationId(), known.reply());
        }
        put(key, conversationId, null, clock.getAsLong());
        return new Claim(true, conversationId, null);
    }

    /** Knows the key as another replica's submission. */
    synchronized void rememberNow(SubmissionKey key, Claim claim) {
        put(key, claim.conversationId(), claim.reply(), clock.getAsLong());
    }

    @Override
    public Mono<Void> answered(SubmissionKey key, ChatReplied reply, boolean remember) {
        return Mono.fromRunnable(() -> answeredNow(key, reply, remember));
    }

    synchronized void answeredNow(SubmissionKey key, ChatReplied reply, boolean remember) {
        Entry entry = current(key);
        if (entry == null && remember) {
            put(key, reply.getConversationId(), reply, clock.getAsLong());
        } else if (entry != null && SubmissionStore.replaces(entry.reply(), reply)) {
            put(key, entry.conversationId(), reply, entry.writtenAt());
        }
    }

    @Override
    public Mono<ChatReplied> reply(SubmissionKey key) {
        return Mono.fromSupplier(() -> replyNow(key));
    }

    synchronized ChatReplied replyNow(SubmissionKey key) {
        Entry entry = current(key);
        return entry == null ? null : entry.reply();
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
    private void put(SubmissionKey key, String conversationId, ChatReplied reply, long writtenAt) {
        Entry entry = new Entry(conversationId, reply, writtenAt, bytes(key, conversationId, reply));
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

    /** Roughly the memory an entry holds: its strings at two bytes a character, and the objects around them. */
    private static int bytes(SubmissionKey key, String conversationId, ChatReplied reply) {
        long chars = key.userId().length() + key.messageId().length() + conversationId.length();
        if (reply != null) {
            chars += reply.getContent().length() + reply.getIntent().length() + reply.getReplyId().length();
            for (KnowledgePassage passage : reply.getReferences()) {
                chars += passage.getArticleId().length() + passage.getTitle().length() + passage.getText().length();
            }
            for (Suggestion suggestion : reply.getSuggestions()) {
                chars += suggestion.getId().length() + suggestion.getLabel().length();
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, OBJECTS + 2 * chars);
    }
}
