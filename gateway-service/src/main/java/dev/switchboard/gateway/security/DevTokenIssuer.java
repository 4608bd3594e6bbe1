package dev.switchboard.gateway.security;

import dev.switchboard.schemas.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Signs tokens for anonymous guests and for the demo users it is given (none outside the dev profile unless
 * enabled); absent when an external issuer is configured.
 */
class DevTokenIssuer {

    private final JwtEncoder encoder;
    private final Duration tokenTtl;
    private final List<SecurityProperties.DemoUser> demoUsers;

    DevTokenIssuer(JwtEncoder encoder, Duration tokenTtl, List<SecurityProperties.DemoUser> demoUsers) {
        this.encoder = encoder;
        this.tokenTtl = tokenTtl;
        this.demoUsers = demoUsers;
    }

    static DevTokenIssuer disabled() {
        return new DevTokenIssuer(null, null, List.of());
    }

    boolean enabled() {
        return encoder != null;
    }

    Optional<IssuedToken> signIn(String username, String password) {
        return demoUsers.stream()
                .filter(u -> u.username().equals(username) && u.password().equals(password))
                .findFirst()
                .map(u -> issue(u.username(), u.roles()));
    }

    IssuedToken guest() {
        return issue(Users.GUEST_PREFIX + UUID.randomUUID(), List.of(Roles.CUSTOMER));
    }

    IssuedToken issue(String subject, List<String> roles) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(SecurityProperties.DEV_ISSUER).subject(subject)
                .issuedAt(now).expiresAt(now.plus(tokenTtl)).claim(Roles.CLAIM, roles).build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims))
                .getTokenValue();
        return new IssuedToken(token, "Bearer", tokenTtl.toSeconds(), subject, roles);
    }

    /** The token endpoint's answer. */
    record IssuedToken(String access_token, String token_type, long expires_in, String userId, List<String> roles) {
    }
}
