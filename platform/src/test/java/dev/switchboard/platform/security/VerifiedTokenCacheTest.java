package dev.switchboard.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

class VerifiedTokenCacheTest {

    static final Instant NOW = Instant.parse("2026-12-02T16:00:00Z");

    final List<String> verifications = new ArrayList<>();

    @Test
    void anAcceptedTokenIsVerifiedOnce() {
        // Given a decoder that accepts a token valid for an hour
        ReactiveJwtDecoder cache = cache(token -> Mono.just(jwt(token, NOW.plusSeconds(3600))));

        // When the customer sends it three times
        for (int i = 0; i < 3; i++) {
            assertThat(cache.decode("good").block().getSubject()).isEqualTo("alice");
        }

        // Then it was verified once
        assertThat(verifications).containsExactly("good");
    }

    @Test
    void aRefusedTokenIsVerifiedEveryTime() {
        // Given a decoder that refuses the token
        ReactiveJwtDecoder cache = cache(token -> Mono.error(new BadJwtException("bad signature")));

        // When it is sent twice, then it is refused twice, each time by the delegate
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.decode("forged").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(verifications).containsExactly("forged", "forged");
    }

    @Test
    void aTokenPastItsExpiryIsNotRemembered() {
        // Given a token the delegate still accepts (its clock skew allowance) but whose exp has passed
        ReactiveJwtDecoder cache = cache(token -> Mono.just(jwt(token, NOW.minusSeconds(30))));

        // When it is sent twice, then the delegate decides both times
        cache.decode("late").block();
        cache.decode("late").block();
        assertThat(verifications).containsExactly("late", "late");
    }

    @Test
    void aTokenWithoutExpiryIsNotRemembered() {
        ReactiveJwtDecoder cache = cache(token -> Mono.just(jwt(token, null)));

        cache.decode("forever").block();
        cache.decode("forever").block();

        assertThat(verifications).containsExactly("forever", "forever");
    }

    private ReactiveJwtDecoder cache(ReactiveJwtDecoder delegate) {
        ReactiveJwtDecoder counting = token -> {
            verifications.add(token);
            return delegate.decode(token);
        };
        return new VerifiedTokenCache(counting, 100, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Jwt jwt(String token, Instant expiresAt) {
        Jwt.Builder builder = Jwt.withTokenValue(token).header("alg", "HS256").subject("alice")
                .issuedAt(NOW.minusSeconds(60));
        return (expiresAt == null ? builder : builder.expiresAt(expiresAt)).build();
    }
}
