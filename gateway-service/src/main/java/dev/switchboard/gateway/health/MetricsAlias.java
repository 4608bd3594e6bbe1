package dev.switchboard.gateway.health;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** {@code GET /metrics} is the seed's scrape path: it serves the gateway's Prometheus text. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class MetricsAlias implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (exchange.getRequest().getPath().value().equals("/metrics")) {
            return chain.filter(exchange.mutate().request(r -> r.path("/actuator/prometheus")).build());
        }
        return chain.filter(exchange);
    }
}
