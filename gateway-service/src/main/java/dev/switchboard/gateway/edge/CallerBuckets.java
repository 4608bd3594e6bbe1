package dev.switchboard.gateway.edge;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import reactor.core.publisher.Mono;

/** Where the callers' token buckets live: this replica's memory, or Redis shared by every gateway replica. */
interface CallerBuckets {

    Mono<ConsumptionProbe> tryConsume(String caller);

    /** Where the buckets live, for logs and the detailed health. */
    String store();

    static Bandwidth limit(RateLimitProperties properties) {
        return Bandwidth.builder().capacity(properties.requests())
                .refillGreedy(properties.requests(), properties.period()).build();
    }
}
