package dev.switchboard.platform.security;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Who calls this service, from the internal token of the request: a customer or staff member as the gateway signed
 * them ({@code ROLE_<role>}), or another service as itself ({@code SERVICE_<name>}, never with roles).
 */
public final class InternalIdentity {

    /** The claim with the caller's roles. */
    public static final String ROLES = "roles";
    /** The authority of a call that another service makes as itself. */
    public static final String SERVICE_PREFIX = "SERVICE_";

    /** The default validators check exp only when a token has one: a token without it would never expire. */
    public static final OAuth2TokenValidator<Jwt> EXPIRES = jwt -> jwt.getExpiresAt() != null
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The token has no exp claim; only tokens that expire are accepted", null));

    private InternalIdentity() {
    }

    /**
     * Verifies tokens with the trusted services' public keys, each only for its own issuer, and only when addressed
     * to {@code serviceName} (a token one service received cannot be replayed at another). Refuses to start without
     * the gateway's key, since every call would be refused.
     */
    public static ReactiveJwtDecoder decoder(String serviceName, InternalAuthProperties properties) {
        Map<String, ReactiveJwtDecoder> byIssuer = new TreeMap<>();
        properties.trustedKeys().forEach((issuer, key) -> {
            if (key != null && !key.isBlank()) {
                NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                        .withPublicKey(PemKeys.publicKey("the public key of " + issuer, key))
                        .signatureAlgorithm(SignatureAlgorithm.RS256).build();
                decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                        JwtValidators.createDefaultWithIssuer(issuer), EXPIRES,
                        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                                audience -> audience != null && audience.contains(serviceName))));
                byIssuer.put(issuer, decoder);
            }
        });
        if (!byIssuer.containsKey(InternalAuthProperties.GATEWAY)) {
            throw new IllegalStateException(serviceName + " accepts calls only with a token the gateway signed: set "
                    + "INTERNAL_AUTH_GATEWAY_PUBLIC_KEY to the gateway's public key (docs/deployment.md)");
        }
        ReactiveJwtDecoder byItsIssuer = token -> Mono.defer(() -> {
            ReactiveJwtDecoder decoder = byIssuer.get(unverifiedIssuer(token));
            return decoder == null ? Mono.error(new BadJwtException("The token is not signed by a service this one "
                    + "trusts")) : decoder.decode(token);
        });
        return new VerifiedTokenCache(byItsIssuer, properties.verifiedTokenCacheSize(), Clock.systemUTC());
    }

    private static String unverifiedIssuer(String token) {
        try {
            String issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            return issuer == null ? "" : issuer;
        } catch (ParseException e) {
            throw new BadJwtException("The token is not a JWT", e);
        }
    }

    /** The caller's authorities: the roles the gateway vouches for, or the calling service's own name. */
    public static Mono<AbstractAuthenticationToken> authentication(Jwt jwt) {
        Collection<GrantedAuthority> authorities;
        if (InternalAuthProperties.GATEWAY.equals(jwt.getClaimAsString(JwtClaimNames.ISS))) {
            List<String> roles = jwt.getClaimAsStringList(ROLES);
            authorities = roles == null ? List.of() : roles.stream()
                    .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
        } else {
            authorities = List.of(new SimpleGrantedAuthority(SERVICE_PREFIX + jwt.getClaimAsString(JwtClaimNames.ISS)));
        }
        return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
    }
}
