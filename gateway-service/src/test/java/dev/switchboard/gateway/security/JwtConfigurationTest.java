package dev.switchboard.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

class JwtConfigurationTest {

    @Test
    void thereIsNoBuiltInKeyEvenInTheDevProfile() {
        assertThatThrownBy(() -> JwtConfiguration.secretKey(properties(null))).hasMessageContaining("Set JWT_SECRET_KEY");
        assertThatThrownBy(() -> JwtConfiguration.secretKey(properties(" "))).hasMessageContaining("Set JWT_SECRET_KEY");
    }

    @Test
    void aShortSecretIsRefusedAndALongOneAccepted() {
        assertThatThrownBy(() -> JwtConfiguration.secretKey(properties("short"))).hasMessageContaining("at least 32 bytes");
        assertThat(JwtConfiguration.secretKey(properties("x".repeat(40)))).isNotNull();
    }

    @Test
    void aGatewayOutsideTheDevProfileWithNeitherKeyNorIssuerRefusesToStart() {
        // Given a gateway without the dev profile, JWT_SECRET_KEY or JWT_ISSUER_URI
        new ApplicationContextRunner().withUserConfiguration(JwtConfiguration.class, Properties.class)
                // When it starts
                .run(context -> {
                    // Then it fails, saying what to set
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("Set JWT_SECRET_KEY").hasMessageContaining("JWT_ISSUER_URI");
                });
    }

    @Test
    void demoUsersSignInOnlyInTheDevProfileOrWhenEnabled() {
        // Given the demo users configured, as application.yml does
        MockEnvironment dev = new MockEnvironment();
        dev.setActiveProfiles("dev");
        String key = "x".repeat(40);

        // When alice signs in, Then only the dev profile or DEMO_USERS_ENABLED=true lets her
        assertThat(issuer(properties(key, false), new MockEnvironment()).signIn("alice", "switchboard")).isEmpty();
        assertThat(issuer(properties(key, false), dev).signIn("alice", "switchboard")).isPresent();
        assertThat(issuer(properties(key, true), new MockEnvironment()).signIn("alice", "switchboard")).isPresent();
    }

    private static DevTokenIssuer issuer(SecurityProperties properties, MockEnvironment environment) {
        return new JwtConfiguration().devTokenIssuer(properties, environment);
    }

    private static SecurityProperties properties(String secret) {
        return properties(secret, false);
    }

    private static SecurityProperties properties(String secret, boolean demoUsersEnabled) {
        return new SecurityProperties(null, secret, Duration.ofHours(1), demoUsersEnabled,
                List.of(new SecurityProperties.DemoUser("alice", "switchboard", List.of(Roles.CUSTOMER))), 10_000);
    }

    @EnableConfigurationProperties(SecurityProperties.class)
    static class Properties {
    }
}
