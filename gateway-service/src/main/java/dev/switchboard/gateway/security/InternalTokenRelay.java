package dev.switchboard.gateway.security;

import dev.switchboard.gateway.health.ServiceUrls;
import dev.switchboard.platform.security.InternalTokens;
import java.net.URI;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A routed request carries the gateway's internal token in place of the client's: the caller's id and roles from the
 * verified token, addressed to the routed service, signed with the gateway's private key. Whatever the client sent
 * (its own token, identity headers) does not reach the service as identity; a request without a verified caller
 * reaches it without a token and is refused there.
 */
@Component
class InternalTokenRelay implements GlobalFilter, Ordered {

    private final InternalTokens tokens;
    private final Map<URI, String> servicesByUrl;

    InternalTokenRelay(InternalTokens tokens, ServiceUrls services) {
        this.tokens = tokens;
        this.servicesByUrl = services.all().entrySet().stream()
                .collect(Collectors.toMap(e -> URI.create(e.getValue()), Map.Entry::getKey, (a, b) -> a));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route == null ? null : servicesByUrl.get(route.getUri());
        if (service == null) {
            throw new IllegalStateException("route " + (route == null ? "?" : route.getId())
                    + " goes to no service of switchboard.gateway.services; refusing to call it without an identity");
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(caller -> tokens.forUser(service, caller.getName(), Roles.of(caller.getToken())))
                .map(token -> exchange.mutate().request(request -> request.headers(headers -> {
                    headers.setBearerAuth(token);
                })).build())
                .defaultIfEmpty(exchange.mutate().request(request -> request.headers(headers -> {
                    headers.remove(HttpHeaders.AUTHORIZATION);
                })).build())
                .flatMap(chain::filter);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
