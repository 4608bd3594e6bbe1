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
    void theBuiltInKeyIsRefusedOutsideTheDevProfile() {
        assertThatThrownBy(() -> JwtConfiguration.secretKey(properties(null), new MockEnvironment()))
                .hasMessageContaining("Set JWT_SECRET_KEY");
        assertThatThrownBy(() -> JwtConfiguration.secretKey(properties(JwtConfiguration.DEV_ONLY_SECRET),
                new MockEnvironment())).hasMessageContaining("dev profile");
    }

    @Test
    void theDevProfileMayUseTheBuiltInKey() {
        MockEnvironment dev = new MockEnvironment();
        dev.setActiveProfiles("dev");

        assertThat(JwtConfiguration.secretKey(properties(null), dev).getEncoded()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void aShortSecretIsRefusedAndALongOneAccepted() {
        assertThatThrownBy(() -> JwtConfiguration.secretKey(properties("short"), new MockEnvironment()))
                .hasMessageContaining("at least 32 bytes");
        assertThat(JwtConfiguration.secretKey(properties("x".repeat(40)), new MockEnvironment())).isNotNull();
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

    private static SecurityProperties properties(String secret) {
        return new SecurityProperties(null, secret, Duration.ofHours(1), List.of());
    }

    @EnableConfigurationProperties(SecurityProperties.class)
    static class Properties {
    }
}
