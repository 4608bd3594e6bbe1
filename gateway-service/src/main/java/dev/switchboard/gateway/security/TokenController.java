package dev.switchboard.gateway.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /api/v1/auth/token}: {@code {"username","password"}} signs in a demo user; an empty body or
 * {@code {"guest":true}} gets an anonymous customer token.
 */
@RestController
class TokenController {

    private final DevTokenIssuer issuer;

    TokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    record TokenRequest(String username, String password, Boolean guest) {
    }

    @PostMapping(path = "/api/v1/auth/token", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DevTokenIssuer.IssuedToken> token(@RequestBody(required = false) Mono<TokenRequest> body) {
        if (!issuer.enabled()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "Tokens come from the configured identity provider, not from this gateway"));
        }
        return body.defaultIfEmpty(new TokenRequest(null, null, true)).map(request -> {
            if (request.username() == null && request.password() == null) {
                return issuer.guest();
            }
            if (request.username() == null || request.password() == null) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "username and password go together; send neither for a guest token");
            }
            return issuer.signIn(request.username(), request.password()).orElseThrow(
                    () -> new ResponseStatusException(HttpStatus.UNAUTHORIZED, "Unknown username or wrong password"));
        });
    }
}
