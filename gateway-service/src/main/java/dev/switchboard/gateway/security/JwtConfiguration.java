package dev.switchboard.gateway.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Tokens come either from an external issuer ({@code JWT_ISSUER_URI}, verified with its JWKS) or from the development
 * issuer ({@code JWT_SECRET_KEY}, HMAC). The development issuer refuses to run on its built-in key unless the
 * {@code dev} profile is active, so a forgotten secret cannot reach production.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);

    /** Only for the dev profile: anyone can read it here, so tokens signed with it prove nothing. */
    static final String DEV_ONLY_SECRET = "switchboard-dev-only-secret-change-me-0123456789";
    static final int MIN_SECRET_BYTES = 32;

    /** The default validators check exp only when a token has one: a token without it would never expire. */
    static final OAuth2TokenValidator<Jwt> EXPIRES = jwt -> jwt.getExpiresAt() != null
            ? OAuth2TokenValidatorResult.success()
            : OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "The token has no exp claim; only tokens that expire are accepted", null));

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties, Environment environment) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        if (properties.externalIssuer()) {
            log.info("Verifying tokens of the external issuer {}", properties.issuerUri());
            issuer = properties.issuerUri();
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        } else {
            issuer = SecurityProperties.DEV_ISSUER;
            decoder = NimbusReactiveJwtDecoder.withSecretKey(secretKey(properties, environment))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                EXPIRES));
        return new VerifiedTokenCache(decoder, properties.verifiedTokenCacheSize(), Clock.systemUTC());
    }

    @Bean
    DevTokenIssuer devTokenIssuer(SecurityProperties properties, Environment environment) {
        if (properties.externalIssuer()) {
            return DevTokenIssuer.disabled();
        }
        boolean dev = dev(environment);
        if (!dev && properties.demoUsersEnabled()) {
            log.warn("The demo users (DEMO_USERS_ENABLED) sign in with well-known passwords: never in production");
        }
        return new DevTokenIssuer(NimbusJwtEncoder.withSecretKey(secretKey(properties, environment))
                .algorithm(MacAlgorithm.HS256).build(), properties.tokenTtl(),
                dev || properties.demoUsersEnabled() ? properties.demoUsers() : List.of());
    }

    private static boolean dev(Environment environment) {
        return Arrays.asList(environment.getActiveProfiles()).contains("dev");
    }

    static SecretKey secretKey(SecurityProperties properties, Environment environment) {
        String secret = properties.secretKey();
        if (secret == null || secret.isBlank() || secret.equals(DEV_ONLY_SECRET)) {
            if (!dev(environment)) {
                throw new IllegalStateException("Set JWT_SECRET_KEY (at least " + MIN_SECRET_BYTES
                        + " bytes) or JWT_ISSUER_URI; the built-in development key is only accepted with the dev "
                        + "profile (SPRING_PROFILES_ACTIVE=dev)");
            }
            log.warn("Signing development tokens with the built-in key: fine on a laptop, never in production");
            secret = DEV_ONLY_SECRET;
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET_KEY must be at least " + MIN_SECRET_BYTES + " bytes, it has "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
