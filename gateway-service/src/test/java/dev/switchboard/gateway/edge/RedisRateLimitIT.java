package dev.switchboard.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.gateway.GatewayServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The Redis-backed limiter against a real redis-server: buckets are shared by gateway replicas, and when Redis stops
 * answering the replica keeps limiting with its own buckets instead of failing requests. Skipped, with the reason,
 * when no redis-server is installed ({@code .ci/run} installs one).
 */
@GatewayServiceTest
@TestPropertySource(properties = {"switchboard.gateway.rate-limit.requests=5", "switchboard.gateway.rate-limit.period=1m"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisRateLimitIT {

    private static final Optional<Path> BINARY = RedisServer.binary();
    private static RedisServer redis;

    @Autowired
    WebTestClient web;

    @Autowired
    RateLimitProperties properties;

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    static void redisIsInstalled() {
        assumeTrue(BINARY.isPresent(), "no redis-server on PATH or in /usr/bin: install it (apt-get install "
                + "redis-server) to test the shared rate limiter");
    }

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) throws IOException {
        if (BINARY.isPresent()) {
            redis = RedisServer.start(BINARY.get());
            registry.add("switchboard.gateway.rate-limit.redis-url", redis::url);
        }
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void replicasShareOneBucketPerCaller() {
        // Given another gateway replica on the same Redis that has already taken 3 of this caller's 5 requests
        try (RedisCallerBuckets otherReplica = new RedisCallerBuckets(redis.url(), properties,
                new SimpleMeterRegistry())) {
            for (int i = 0; i < 3; i++) {
                assertThat(otherReplica.tryConsume("ip:127.0.0.1").block(Duration.ofSeconds(5)).isConsumed())
                        .isTrue();
            }
        }

        // When this replica serves the same caller
        HttpStatus[] statuses = new HttpStatus[3];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = HttpStatus.valueOf(web.get().uri("/api/v1/health").exchange().returnResult(String.class)
                    .getStatus().value());
        }

        // Then only the 2 requests left in the shared bucket pass, and the bucket lives in Redis
        assertThat(statuses).containsExactly(HttpStatus.OK, HttpStatus.OK, HttpStatus.TOO_MANY_REQUESTS);
        assertThat(redis.keys("switchboard:rate-limit:*")).anyMatch(key -> key.endsWith(":ip:127.0.0.1"));
    }

    @Test
    @Order(2)
    void whenRedisStopsAnsweringTheReplicaKeepsLimitingWithItsOwnBuckets() {
        // Given Redis is gone
        redis.close();

        // When the caller makes more requests than the limit
        int ok = 0;
        int limited = 0;
        for (int i = 0; i < 7; i++) {
            int status = web.get().uri("/api/v1/health").exchange()
                    .returnResult(String.class).getStatus().value();
            assertThat(status).isLessThan(500);
            ok += status == 200 ? 1 : 0;
            limited += status == 429 ? 1 : 0;
        }

        // Then nothing fails, and the replica's own bucket holds the limit with what this replica already let through
        // (2 of the caller's 5 in the first test; the one Redis refused was given back), and that is counted
        assertThat(ok).isEqualTo(3);
        assertThat(limited).isEqualTo(4);
        assertThat(meters.counter("gateway.rate.limit.store.errors").count()).isPositive();
    }
}
