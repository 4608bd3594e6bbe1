package dev.switchboard.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services prove who calls them. The gateway signs a short-lived token for each call it routes (the customer's
 * id and roles); a service that calls another (llm-fallback-service) signs one with its own key, as itself. Each
 * service verifies with public keys only, so none can speak for a customer.
 *
 * @param signingKey this service's own private key (RSA, PKCS#8), for the services that call others
 * @param trustedKeys the public key of each service whose tokens this one accepts, by the service's name (the
 *     tokens' issuer); only {@code gateway-service}'s tokens carry a customer
 * @param internalCallers the services whose own tokens may call {@code /internal/**} here
 * @param tokenTtl how long a signed token is valid; it is reused for the first half of that
 * @param verifiedTokenCacheSize how many verified tokens a service remembers until they expire, so that a token the
 *     gateway reuses is verified once
 */
@ConfigurationProperties("switchboard.internal-auth")
public record InternalAuthProperties(String signingKey, @DefaultValue Map<String, String> trustedKeys,
        @DefaultValue List<String> internalCallers, @DefaultValue("2m") Duration tokenTtl,
        @DefaultValue("10000") long verifiedTokenCacheSize) {

    /** The only issuer whose tokens speak for a customer. */
    public static final String GATEWAY = "gateway-service";
}
