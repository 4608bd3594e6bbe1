package dev.switchboard.platform.test;

import dev.switchboard.platform.security.InternalIdentity;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import dev.switchboard.platform.security.InternalAuthProperties;
import dev.switchboard.platform.security.InternalTokens;
import dev.switchboard.platform.security.PemKeys;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;

/**
 * Internal tokens for a service's tests: key pairs made for this JVM (none is kept anywhere), the service trusting
 * the gateway's, llm-fallback-service's and intent-service's public keys ({@link Keys}, in each service's test annotation), and tokens
 * as the gateway or another service would sign them for the service under test. The gateway's development issuer
 * gets a key of this JVM too.
 */
public final class TestIdentity {

    static final KeyPair GATEWAY = generate();
    static final KeyPair LLM_FALLBACK = generate();
    static final KeyPair INTENT = generate();
    /** The gateway's development issuer's HMAC key in tests (JWT_SECRET_KEY). */
    public static final String DEV_ISSUER_SECRET = Base64.getEncoder().encodeToString(
            new SecureRandom().generateSeed(48));
    /** A key no service trusts. */
    static final KeyPair FOREIGN = generate();

    private final String audience;

    private TestIdentity(String audience) {
        this.audience = audience;
    }

    /** Tokens addressed to {@code service} (its spring.application.name). */
    public static TestIdentity of(String service) {
        return new TestIdentity(service);
    }

    /** The Authorization header the gateway sends for {@code userId} with {@code roles} (customer if none). */
    public Consumer<HttpHeaders> user(String userId, String... roles) {
        return bearer(token(userId, roles));
    }

    /** The token the gateway signs for {@code userId} with {@code roles} (customer if none). */
    public String token(String userId, String... roles) {
        return signer("gateway-service", GATEWAY).forUser(audience, userId,
                roles.length == 0 ? List.of("customer") : List.of(roles));
    }

    /** The Authorization header a service sends as itself. */
    public Consumer<HttpHeaders> service(String service) {
        KeyPair key = switch (service) {
            case "llm-fallback-service" -> LLM_FALLBACK;
            case "intent-service" -> INTENT;
            default -> GATEWAY;
        };
        return bearer(signer(service, key).forService(audience));
    }

    /** A token with the gateway's name and claims, signed with a key nobody trusts. */
    public Consumer<HttpHeaders> forged(String userId, String... roles) {
        return bearer(signer("gateway-service", FOREIGN).forUser(audience, userId, List.of(roles)));
    }

    /**
     * The gateway's token for {@code userId} with {@code roles}, signed with the gateway's key, valid from
     * {@code issuedAt} until {@code expiresAt}, or without an expiry when that is null: what {@code InternalTokens}
     * never makes.
     */
    public Consumer<HttpHeaders> signedUntil(Instant issuedAt, Instant expiresAt, String userId, String... roles) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer("gateway-service").subject(userId)
                .audience(List.of(audience)).issuedAt(issuedAt).id(UUID.randomUUID().toString())
                .claim(InternalIdentity.ROLES, List.of(roles));
        if (expiresAt != null) {
            claims.expiresAt(expiresAt);
        }
        JwtEncoder encoder = NimbusJwtEncoder.withKeyPair((RSAPublicKey) GATEWAY.getPublic(),
                (RSAPrivateKey) GATEWAY.getPrivate()).build();
        return bearer(encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(),
                claims.build())).getTokenValue());
    }

    /** The gateway's token for {@code userId} with {@code roles}, addressed to another service. */
    public Consumer<HttpHeaders> addressedTo(String otherService, String userId, String... roles) {
        return of(otherService).user(userId, roles);
    }

    private static Consumer<HttpHeaders> bearer(String token) {
        return headers -> headers.setBearerAuth(token);
    }

    private static InternalTokens signer(String name, KeyPair key) {
        return InternalTokens.of(name, new InternalAuthProperties(PemKeys.pem("PRIVATE KEY",
                key.getPrivate().getEncoded()), Map.of(), List.of(), Duration.ofMinutes(2), 100));
    }

    /** The public key of the gateway's test key pair, for tests that configure a service themselves. */
    public static String gatewayPublicKey() {
        return PemKeys.pem("PUBLIC KEY", GATEWAY.getPublic().getEncoded());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The variables {@code service} needs to run with the test keys: the public keys; the gateway,
     * llm-fallback-service and intent-service their own private key; the gateway its development issuer's key.
     */
    public static Map<String, String> environment(String service) {
        Map<String, String> env = new TreeMap<>();
        env.put("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY", gatewayPublicKey());
        env.put("INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY", PemKeys.pem("PUBLIC KEY",
                LLM_FALLBACK.getPublic().getEncoded()));
        env.put("INTERNAL_AUTH_INTENT_PUBLIC_KEY", PemKeys.pem("PUBLIC KEY", INTENT.getPublic().getEncoded()));
        KeyPair own = switch (service) {
            case "gateway-service" -> GATEWAY;
            case "llm-fallback-service" -> LLM_FALLBACK;
            case "intent-service" -> INTENT;
            default -> null;
        };
        if (own != null) {
            env.put("INTERNAL_AUTH_PRIVATE_KEY", PemKeys.pem("PRIVATE KEY", own.getPrivate().getEncoded()));
        }
        if (service.equals("gateway-service")) {
            env.put("JWT_SECRET_KEY", DEV_ISSUER_SECRET);
        }
        return env;
    }

    /** Runs the service of a test with {@link #environment}. */
    public static class Keys implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(environment(context.getEnvironment().getProperty("spring.application.name", "")))
                    .applyTo(context);
        }
    }
}
