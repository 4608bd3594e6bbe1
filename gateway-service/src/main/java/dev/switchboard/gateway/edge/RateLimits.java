package dev.switchboard.gateway.edge;

import dev.switchboard.platform.web.ProblemJson;
import dev.switchboard.schemas.Users;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A token bucket per caller on every API path: the user of the token, or the client address (see
 * {@link ClientAddress}) for guests and unauthenticated calls such as the token endpoint. An empty bucket answers 429
 * with {@code Retry-After}.
 */
@Component
@Order(1)
class RateLimits implements WebFilter {

    private final CallerBuckets buckets;
    private final RateLimitProperties properties;
    private final JsonMapper json;
    private final Counter rejected;
    private final ClientAddress clientAddress;

    RateLimits(CallerBuckets buckets, RateLimitProperties properties, JsonMapper json, MeterRegistry meters) {
        this.buckets = buckets;
        this.properties = properties;
        this.json = json;
        this.clientAddress = new ClientAddress(properties.trustedProxies());
        this.rejected = Counter.builder("gateway.rate.limited").description("requests answered 429").register(meters);
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                // guest tokens cost nothing to mint: guests share their address's bucket with the token endpoint
                .map(auth -> Users.isGuest(auth.getName()) ? ipKey(exchange)
                        : "user:" + auth.getName())
                .defaultIfEmpty(ipKey(exchange))
                .flatMap(buckets::tryConsume)
                .flatMap(probe -> {
                    exchange.getResponse().getHeaders().set("X-RateLimit-Remaining",
                            Long.toString(probe.getRemainingTokens()));
                    return probe.isConsumed() ? chain.filter(exchange)
                            : tooMany(exchange, probe.getNanosToWaitForRefill());
                });
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, long nanosToWait) {
        rejected.increment();
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait) + 1);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests: the limit is " + properties.requests() + " per " + properties.period()
                        + "; try again in " + seconds + " s");
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return ProblemJson.write(exchange, json, problem);
    }

    private String ipKey(ServerWebExchange exchange) {
        return "ip:" + clientAddress.of(exchange.getRequest());
    }
}
