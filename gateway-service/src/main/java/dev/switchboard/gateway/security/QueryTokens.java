package dev.switchboard.gateway.security;

import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Browsers cannot set headers on a WebSocket handshake, so a token may come as {@code ?access_token=}. Before anything
 * sees the request (the request and WebSocket logs, observations, a routed service), the token moves from the query
 * into the Authorization header: no log or trace ever holds it.
 */
@Configuration(proxyBeanMethods = false)
class QueryTokens {

    private static final String PARAMETER = "access_token";

    @Bean
    WebHttpHandlerBuilderCustomizer queryTokenToHeader() {
        return builder -> builder.httpHandlerDecorator(
                handler -> (request, response) -> handler.handle(withoutQueryToken(request), response));
    }

    static ServerHttpRequest withoutQueryToken(ServerHttpRequest request) {
        String token = request.getQueryParams().getFirst(PARAMETER);
        if (token == null) {
            return request;
        }
        return request.mutate()
                .uri(UriComponentsBuilder.fromUri(request.getURI()).replaceQueryParam(PARAMETER).build(true).toUri())
                .headers(headers -> {
                    // a token in the header wins, as it would have been refused as ambiguous before
                    if (!headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
                        headers.setBearerAuth(token);
                    }
                })
                .build();
    }
}
