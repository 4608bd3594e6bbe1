package dev.switchboard.gateway.security;

import dev.switchboard.platform.security.InternalIdentity;
import dev.switchboard.platform.security.VerifiedTokenCache;
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
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Tokens come either from an external issuer ({@code JWT_ISSUER_URI}, verified with its JWKS) or from the development
 * issuer ({@code JWT_SECRET_KEY}, HMAC). There is no built-in key: without either the gateway refuses to start. The
 * {@code dev} profile only turns the demo users on.
 */
@Configuration(proxyBeanMethods = false)
class JwtConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JwtConfiguration.class);

    static final int MIN_SECRET_BYTES = 32;

    @Bean
    ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder;
        String issuer;
        if (properties.externalIssuer()) {
            log.info("Verifying tokens of the external issuer {}", properties.issuerUri());
            issuer = properties.issuerUri();
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build();
        } else {
            issuer = SecurityProperties.DEV_ISSUER;
            decoder = NimbusReactiveJwtDecoder.withSecretKey(secretKey(properties))
                    .macAlgorithm(MacAlgorithm.HS256).build();
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
                InternalIdentity.EXPIRES));
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
        return new DevTokenIssuer(NimbusJwtEncoder.withSecretKey(secretKey(properties))
                .algorithm(MacAlgorithm.HS256).build(), properties.tokenTtl(),
                dev || properties.demoUsersEnabled() ? properties.demoUsers() : List.of());
    }

    private static boolean dev(Environment environment) {
        return Arrays.asList(environment.getActiveProfiles()).contains("dev");
    }

    static SecretKey secretKey(SecurityProperties properties) {
        String secret = properties.secretKey();
        if (secret == null || secret.isBlank()) {
            // no built-in key, in any profile: a key anyone can read in the source signs anyone's token
            throw new IllegalStateException("Set JWT_SECRET_KEY (at least " + MIN_SECRET_BYTES + " random bytes, e.g. "
                    + "openssl rand -base64 48) or JWT_ISSUER_URI; the local stack makes one in its data directory");
        }
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("JWT_SECRET_KEY must be at least " + MIN_SECRET_BYTES + " bytes, it has "
                    + bytes.length);
        }
        return new SecretKeySpec(bytes, "HmacSHA256");
    }
}
