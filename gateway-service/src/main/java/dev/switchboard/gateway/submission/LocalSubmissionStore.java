package dev.switchboard.gateway.submission;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.switchboard.events.ChatReplied;
import reactor.core.publisher.Mono;

/** Submissions in this replica's memory: enough for one replica; replicas share them only through Redis. */
final class LocalSubmissionStore implements SubmissionStore {

    private record Entry(String conversationId, ChatReplied reply) {
    }

    private final Cache<SubmissionKey, Entry> entries;

    LocalSubmissionStore(SubmissionProperties properties) {
        this.entries = Caffeine.newBuilder().expireAfterWrite(properties.window())
                .maximumSize(properties.localMaxEntries()).build();
    }

    @Override
    public Mono<Claim> claim(SubmissionKey key, String conversationId) {
        return Mono.fromSupplier(() -> claimNow(key, conversationId));
    }

    Claim claimNow(SubmissionKey key, String conversationId) {
        Entry known = entries.asMap().putIfAbsent(key, new Entry(conversationId, null));
        return known == null ? new Claim(true, conversationId, null)
                : new Claim(false, known.conversationId(), known.reply());
    }

    /** Knows the key as another replica's submission. */
    void rememberNow(SubmissionKey key, Claim claim) {
        entries.put(key, new Entry(claim.conversationId(), claim.reply()));
    }

    @Override
    public Mono<Void> answered(SubmissionKey key, ChatReplied reply) {
        return Mono.fromRunnable(() -> answeredNow(key, reply));
    }

    void answeredNow(SubmissionKey key, ChatReplied reply) {
        entries.asMap().computeIfPresent(key, (k, entry) -> SubmissionStore.replaces(entry.reply(), reply)
                ? new Entry(entry.conversationId(), reply) : entry);
    }

    @Override
    public Mono<ChatReplied> reply(SubmissionKey key) {
        return Mono.fromSupplier(() -> replyNow(key));
    }

    ChatReplied replyNow(SubmissionKey key) {
        Entry entry = entries.getIfPresent(key);
        return entry == null ? null : entry.reply();
    }

    @Override
    public Mono<Void> release(SubmissionKey key) {
        return Mono.fromRunnable(() -> releaseNow(key));
    }

    void releaseNow(SubmissionKey key) {
        entries.invalidate(key);
    }

    @Override
    public String name() {
        return "memory";
    }
}
