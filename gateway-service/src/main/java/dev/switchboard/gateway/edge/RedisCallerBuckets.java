package dev.switchboard.gateway.edge;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis (bucket4j's compare-and-swap over Lettuce, asynchronous so no event-loop thread blocks), so a caller
 * has one limit however many gateway replicas serve them. When Redis cannot answer, the caller is limited by this
 * replica's own bucket instead: the limit stays enforced, only per replica, and every such decision is counted and
 * logged.
 */
final class RedisCallerBuckets implements CallerBuckets, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisCallerBuckets.class);
    private static final long LOG_EVERY_MILLIS = 10_000;

    private final RedisClient client;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final AsyncProxyManager<String> buckets;
    private final CompletableFuture<BucketConfiguration> configuration;
    private final LocalCallerBuckets local;
    private final Counter storeErrors;
    private final AtomicLong lastLogged = new AtomicLong();
    private final String keyPrefix;

    RedisCallerBuckets(String redisUrl, RateLimitProperties properties, MeterRegistry meters) {
        this.client = RedisClient.create(redisUrl);
        this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        this.buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .requestTimeout(properties.storeTimeout())
                .build().asAsync();
        this.configuration = CompletableFuture.completedFuture(
                BucketConfiguration.builder().addLimit(CallerBuckets.limit(properties)).build());
        this.local = new LocalCallerBuckets(properties);
        this.keyPrefix = "switchboard:rate-limit:" + properties.requests() + "/" + properties.period() + ":";
        this.storeErrors = Counter.builder("gateway.rate.limit.store.errors")
                .description("rate-limit decisions made by the replica's own bucket because Redis did not answer")
                .register(meters);
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String caller) {
        return Mono.defer(() -> Mono.fromFuture(buckets.builder().build(keyPrefix + caller, () -> configuration)
                        .tryConsumeAndReturnRemaining(1)))
                .onErrorResume(error -> {
                    storeErrors.increment();
                    long now = System.currentTimeMillis();
                    long last = lastLogged.get();
                    if (now - last > LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
                        log.warn("Redis rate-limit store failed ({}); limiting by this replica's buckets until it "
                                + "answers", error.toString());
                    }
                    return Mono.fromSupplier(() -> local.consumeNow(caller));
                });
    }

    @Override
    public String store() {
        return "redis";
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown();
    }
}
