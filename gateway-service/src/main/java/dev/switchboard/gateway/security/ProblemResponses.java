package dev.switchboard.gateway.security;

import dev.switchboard.platform.web.ProblemJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json, saying what was wrong with the credentials. */
class ProblemResponses implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
        String detail = e.getMessage() == null || e.getMessage().isBlank() || e.getMessage().startsWith("Not Authenticated")
                ? "A bearer token is required: get one from POST /api/v1/auth/token" : e.getMessage();
        return write(exchange, HttpStatus.UNAUTHORIZED, detail);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException e) {
        return write(exchange, HttpStatus.FORBIDDEN, "Your role does not allow " + exchange.getRequest().getMethod()
                + " " + exchange.getRequest().getPath());
    }

    private Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
        return ProblemJson.write(exchange, json, ProblemDetail.forStatusAndDetail(status, detail));
    }
}
