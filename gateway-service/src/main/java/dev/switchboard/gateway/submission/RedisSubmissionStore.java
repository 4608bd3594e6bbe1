package dev.switchboard.gateway.submission;

import dev.switchboard.events.ChatReplied;
import dev.switchboard.gateway.redis.StoreFallbacks;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Submissions in Redis, one hash per customer message ({@code c} its conversation, {@code r} its reply in the events'
 * Avro encoding, {@code s} that reply's source) that expires after the window, so every gateway replica recognises a
 * retry. Claiming and keeping a reply are Lua scripts, atomic in Redis. What this replica saw is also kept in its own
 * memory, which answers first: a retry to the same replica needs no round trip, and is still recognised when Redis
 * does not answer within the budget. Such decisions are counted and logged.
 */
final class RedisSubmissionStore implements SubmissionStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisSubmissionStore.class);

    /** Answers nothing for a new key (now claimed at {@code t}, Redis' own clock in ms), else [conversation, reply]. */
    private static final String CLAIM = """
            if redis.call('HSETNX', KEYS[1], 'c', ARGV[1]) == 1 then
              local now = redis.call('TIME')
              redis.call('HSET', KEYS[1], 't', now[1] * 1000 + math.floor(now[2] / 1000))
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return {}
            end
            return redis.call('HMGET', KEYS[1], 'c', 'r')""";

    /** Marks a claimed key published ({@code p}); a key gone (released, expired) stays gone. */
    private static final String PUBLISHED = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'p', '1') end
            return 0""";

    /**
     * Answers {'r', reply} for an answered key; {'c', conversation} for a key claimed more than ARGV[1] ms ago and
     * neither published nor answered, claiming it again now (so that one replica takes it over); else nothing.
     */
    private static final String LOOK_AGAIN = """
            local k = redis.call('HMGET', KEYS[1], 'c', 'r', 'p', 't')
            if k[2] then return {'r', k[2]} end
            if not k[1] or k[3] or not k[4] then return {} end
            local now = redis.call('TIME')
            local ms = now[1] * 1000 + math.floor(now[2] / 1000)
            if ms - tonumber(k[4]) <= tonumber(ARGV[1]) then return {} end
            redis.call('HSET', KEYS[1], 't', ms)
            return {'c', k[1]}""";

    /**
     * Keeps the reply of a claimed key: the first, unless that was a failure reply and this one is not. A key not
     * claimed is remembered with the conversation ARGV[4] when one is given.
     */
    private static final String ANSWERED = """
            if redis.call('EXISTS', KEYS[1]) == 0 then
              if ARGV[4] == '' then return 0 end
              redis.call('HSET', KEYS[1], 'c', ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
            end
            local kept = redis.call('HGET', KEYS[1], 's')
            if kept and (kept ~= ARGV[3] or ARGV[2] == ARGV[3]) then return 0 end
            redis.call('HSET', KEYS[1], 'r', ARGV[1], 's', ARGV[2])
            return 1""";

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final RedisAsyncCommands<String, byte[]> redis;
    private final SubmissionProperties properties;
    /** The window in milliseconds, as the scripts take it: a key expires after it. */
    private final byte[] window;
    /** The take-over time in milliseconds, as the script takes it. */
    private final byte[] takeOverAfter;
    private final LocalSubmissionStore local;
    private final EncodedReplies replies = new EncodedReplies();
    private final StoreFallbacks fallbacks;

    RedisSubmissionStore(SubmissionProperties properties, MeterRegistry meters) {
        this.client = RedisClient.create(properties.redisUrl());
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.redis = connection.async();
        this.properties = properties;
        this.window = bytes(Long.toString(properties.window().toMillis()));
        this.takeOverAfter = bytes(Long.toString(properties.takeOverAfter().toMillis()));
        this.local = new LocalSubmissionStore(properties);
        this.fallbacks = new StoreFallbacks(Counter.builder("gateway.submissions.store.errors")
                .description("submission checks decided by the replica's own memory because Redis did not answer")
                .register(meters), log, "Redis submission store failed ({}); recognising retries with this replica's "
                        + "memory until it answers");
    }

    @Override
    public Mono<Claim> claim(SubmissionKey key, String conversationId) {
        Claim here = local.claimNow(key, conversationId);
        if (!here.first()) {
            return Mono.just(here);
        }
        return guarded(Mono.defer(() -> Mono.fromCompletionStage(redis.<List<Object>>eval(CLAIM, ScriptOutputType.MULTI,
                        new String[] {key.storeKey()}, bytes(conversationId),
                        window)))
                .map(known -> {
                    if (known.isEmpty()) {
                        return here;
                    }
                    // another replica took it first: this replica now knows it as that one's
                    byte[] reply = (byte[]) known.get(1);
                    Claim there = new Claim(false, string((byte[]) known.get(0)), replies.decode(reply));
                    local.rememberNow(key, there, reply);
                    return there;
                }), () -> here);
    }

    @Override
    public Mono<Void> answered(SubmissionKey key, ChatReplied reply, boolean remember) {
        byte[] encoded = replies.encode(reply);
        local.answeredNow(key, reply, encoded, remember);
        return guarded(Mono.defer(() -> Mono.fromCompletionStage(redis.<Long>eval(ANSWERED, ScriptOutputType.INTEGER,
                new String[] {key.storeKey()}, encoded,
                bytes(reply.getSource().name()), bytes(FAILURE), bytes(remember ? reply.getConversationId() : ""),
                window))).then(Mono.<Void>empty()), () -> null);
    }

    @Override
    public Mono<ChatReplied> reply(SubmissionKey key) {
        ChatReplied here = local.replyNow(key);
        return here != null ? Mono.just(here)
                : guarded(Mono.defer(() -> Mono.fromCompletionStage(redis.hget(key.storeKey(), "r"))).map(replies::decode),
                        () -> null);
    }

    @Override
    public Mono<Void> release(SubmissionKey key) {
        local.releaseNow(key);
        return guarded(Mono.defer(() -> Mono.fromCompletionStage(redis.del(key.storeKey()))).then(Mono.<Void>empty()),
                () -> null);
    }

    @Override
    public Mono<Void> published(SubmissionKey key) {
        return guarded(Mono.defer(() -> Mono.fromCompletionStage(redis.<Long>eval(PUBLISHED, ScriptOutputType.INTEGER,
                new String[] {key.storeKey()}))).then(Mono.<Void>empty()), () -> null);
    }

    @Override
    public Mono<FirstSubmission> lookAgain(SubmissionKey key) {
        ChatReplied here = local.replyNow(key);
        if (here != null) {
            return Mono.just(new FirstSubmission.Answered(here));
        }
        return guarded(Mono.defer(() -> Mono.fromCompletionStage(redis.<List<Object>>eval(LOOK_AGAIN,
                ScriptOutputType.MULTI, new String[] {key.storeKey()}, takeOverAfter))).mapNotNull(found -> {
                    if (found.isEmpty()) {
                        return null;
                    }
                    byte[] value = (byte[]) found.get(1);
                    return "r".equals(string((byte[]) found.get(0))) ? new FirstSubmission.Answered(replies.decode(value))
                            : new FirstSubmission.TakenOver(string(value));
                }), () -> null);
    }

    private <T> Mono<T> guarded(Mono<T> call, Supplier<T> locally) {
        return call.timeout(properties.storeTimeout()).onErrorResume(error -> {
            fallbacks.fellBack(error);
            return Mono.fromSupplier(locally);
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
