package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

    @TempDir
    Path data;

    @Test
    void aDataDirectoryMakesItsOwnKeysOnceAndOnlyItsOwnerReadsThem() throws Exception {
        // Given a fresh data directory, When the stack starts on it twice
        Map<String, String> gateway = Secrets.in(data).environment("gateway-service");
        Map<String, String> again = Secrets.in(data).environment("gateway-service");

        // Then the gateway gets a development issuer key and its private key, the same both times
        assertThat(gateway.get("JWT_SECRET_KEY")).hasSizeGreaterThanOrEqualTo(48);
        assertThat(gateway.get("INTERNAL_AUTH_PRIVATE_KEY")).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(again).isEqualTo(gateway);
        assertThat(Files.getPosixFilePermissions(data.resolve("secrets/gateway-service.key")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        // And another data directory has other keys
        Path other = Files.createDirectory(data.resolve("other"));
        assertThat(Secrets.in(other).environment("gateway-service").get("INTERNAL_AUTH_PRIVATE_KEY"))
                .isNotEqualTo(gateway.get("INTERNAL_AUTH_PRIVATE_KEY"));
    }

    @Test
    void onlyTheSigningServicesGetAPrivateKeyAndEveryServiceThePublicOnes() {
        Secrets secrets = Secrets.in(data);

        Map<String, String> chat = secrets.environment("chat-service");
        Map<String, String> llm = secrets.environment("llm-fallback-service");
        Map<String, String> intent = secrets.environment("intent-service");

        assertThat(chat).containsOnlyKeys("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY", "INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY",
                "INTERNAL_AUTH_INTENT_PUBLIC_KEY");
        assertThat(chat.get("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY")).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(llm.get("INTERNAL_AUTH_PRIVATE_KEY")).isNotEqualTo(
                secrets.environment("gateway-service").get("INTERNAL_AUTH_PRIVATE_KEY"));
        assertThat(llm).doesNotContainKey("JWT_SECRET_KEY");
        assertThat(intent.get("INTERNAL_AUTH_PRIVATE_KEY")).startsWith("-----BEGIN PRIVATE KEY-----")
                .isNotEqualTo(llm.get("INTERNAL_AUTH_PRIVATE_KEY"));
        assertThat(intent).doesNotContainKey("JWT_SECRET_KEY");
    }
}
