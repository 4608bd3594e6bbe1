package dev.switchboard.gateway.edge;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param requests how many API requests one caller (user, or IP address when unauthenticated) may make per period
 * @param period the refill period of a caller's bucket
 * @param redisUrl when set ({@code redis://host:6379}), buckets are kept in Redis and shared by every gateway replica
 * @param storeTimeout how long a request waits for Redis before the replica's own bucket decides
 * @param trustedProxies addresses or CIDR ranges of the proxies in front of the gateway, whose {@code X-Forwarded-For}
 *     names the client address; from anyone else it is ignored
 */
@ConfigurationProperties("switchboard.gateway.rate-limit")
record RateLimitProperties(@DefaultValue("120") long requests, @DefaultValue("1m") Duration period,
                           @DefaultValue("") String redisUrl, @DefaultValue("200ms") Duration storeTimeout,
                           @DefaultValue List<String> trustedProxies) {
}
