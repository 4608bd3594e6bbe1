package dev.switchboard.gateway.security;

import java.util.Optional;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The user id and roles from the verified token are the only identity passed downstream: whatever a client sent in
 * these headers is removed first, so nobody can speak for another user.
 */
@Component
@Order(0)
public class IdentityHeaders implements WebFilter {

    public static final String USER_ID = "X-User-Id";
    public static final String USER_ROLES = "X-User-Roles";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(JwtAuthenticationToken.class::isInstance)
                .cast(JwtAuthenticationToken.class)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(caller -> chain.filter(exchange.mutate().request(request -> request.headers(headers -> {
                    headers.remove(USER_ID);
                    headers.remove(USER_ROLES);
                    caller.ifPresent(token -> {
                        headers.set(USER_ID, token.getName());
                        headers.set(USER_ROLES, String.join(",", Roles.of(token.getToken())));
                    });
                })).build()));
    }
}
