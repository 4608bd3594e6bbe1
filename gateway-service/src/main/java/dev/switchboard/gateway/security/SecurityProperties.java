package dev.switchboard.gateway.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param issuerUri an external OpenID Connect issuer whose JWKS signs the tokens (production); when set, the
 *     development issuer is off
 * @param secretKey the HMAC key of the development issuer, at least 32 bytes
 * @param tokenTtl how long a development token is valid
 * @param demoUsersEnabled whether the development issuer signs in the demo users outside the {@code dev} profile
 *     ({@code DEMO_USERS_ENABLED}); off, so a deployment with a real key has no well-known passwords
 * @param demoUsers the accounts the development issuer signs in (in the dev profile, or when enabled)
 * @param verifiedTokenCacheSize how many verified tokens are remembered until they expire, so that a customer's
 *     token is verified once rather than with each request
 */
@ConfigurationProperties("switchboard.security")
public record SecurityProperties(String issuerUri, String secretKey, @DefaultValue("1h") Duration tokenTtl,
        boolean demoUsersEnabled, @DefaultValue List<DemoUser> demoUsers,
        @DefaultValue("10000") long verifiedTokenCacheSize) {

    /** The development issuer's name, checked on every token it signed. */
    public static final String DEV_ISSUER = "switchboard-dev";

    public boolean externalIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    /** A demo account of the development issuer. */
    public record DemoUser(String username, String password, List<String> roles) {
    }
}
