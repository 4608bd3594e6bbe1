package dev.switchboard.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Mono;

/** Buckets in this replica's memory: exact for one gateway, per replica when there are several. */
final class LocalCallerBuckets implements CallerBuckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(1, TimeUnit.HOURS).build();
    private final Bandwidth limit;

    LocalCallerBuckets(RateLimitProperties properties) {
        this.limit = CallerBuckets.limit(properties);
    }

    @Override
    public Mono<ConsumptionProbe> tryConsume(String caller) {
        return Mono.fromSupplier(() -> consumeNow(caller));
    }

    ConsumptionProbe consumeNow(String caller) {
        return bucket(caller).tryConsumeAndReturnRemaining(1);
    }

    /** Gives back a token taken by {@link #consumeNow} for a request that was refused after all. */
    void refund(String caller) {
        bucket(caller).addTokens(1);
    }

    private Bucket bucket(String caller) {
        return buckets.get(caller, key -> Bucket.builder().addLimit(limit).build());
    }

    @Override
    public String store() {
        return "memory";
    }
}
