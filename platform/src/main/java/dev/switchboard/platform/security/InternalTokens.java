package dev.switchboard.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.security.interfaces.RSAPrivateCrtKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * Signs the tokens this service presents to the others: for one audience (the called service), as a customer (only
 * the gateway's are believed) or as this service itself. Signing with RSA costs about a millisecond, so a token is
 * reused for the first half of its life (it is still valid for the other half when it arrives): a routed call pays a
 * cache lookup.
 */
public final class InternalTokens {

    private final String issuer;
    private final JwtEncoder encoder;
    private final Duration ttl;
    private final Clock clock;
    private final Cache<Subject, String> signed;

    private record Subject(String audience, String subject, List<String> roles) {
    }

    InternalTokens(String issuer, RSAPrivateCrtKey key, Duration ttl, Clock clock) {
        this.issuer = issuer;
        this.encoder = NimbusJwtEncoder.withKeyPair(PemKeys.publicKey(key), key).build();
        this.ttl = ttl;
        this.clock = clock;
        this.signed = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(ttl.dividedBy(2)).build();
    }

    /**
     * This service's signer, from {@code switchboard.internal-auth.signing-key}; refuses to start without one, since
     * the calls it makes would all be refused.
     */
    public static InternalTokens of(String serviceName, InternalAuthProperties properties) {
        if (properties.signingKey() == null || properties.signingKey().isBlank()) {
            throw new IllegalStateException(serviceName + " calls other services and needs its own private key: set "
                    + "INTERNAL_AUTH_PRIVATE_KEY (RSA, PKCS#8 PEM or its base64; docs/deployment.md says how to make "
                    + "one)");
        }
        return new InternalTokens(serviceName, PemKeys.privateKey("INTERNAL_AUTH_PRIVATE_KEY",
                properties.signingKey()), properties.tokenTtl(), Clock.systemUTC());
    }

    /** A token that speaks for {@code userId} with {@code roles} to {@code audience}. */
    public String forUser(String audience, String userId, List<String> roles) {
        return token(new Subject(audience, userId, List.copyOf(roles)));
    }

    /** A token that speaks for this service itself to {@code audience}. */
    public String forService(String audience) {
        return token(new Subject(audience, issuer, List.of()));
    }

    /** Adds this service's own token for {@code audience} to every request of a WebClient. */
    public ExchangeFilterFunction asService(String audience) {
        return (request, next) -> next.exchange(ClientRequest.from(request)
                .headers(headers -> headers.setBearerAuth(forService(audience))).build());
    }

    private String token(Subject subject) {
        return signed.get(subject, this::sign);
    }

    private String sign(Subject subject) {
        Instant now = clock.instant();
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(issuer).subject(subject.subject())
                .audience(List.of(subject.audience())).issuedAt(now).expiresAt(now.plus(ttl))
                .id(UUID.randomUUID().toString());
        if (!subject.roles().isEmpty()) {
            claims.claim(InternalIdentity.ROLES, subject.roles());
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue();
    }
}
