package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The keys of this machine's stack, made at the first start into {@code <data-dir>/secrets} (readable by the owner
 * only) and kept, so tokens outlive a restart: the development issuer's HMAC key, and the RSA key pairs of the
 * services that sign internal tokens (the gateway for customers; llm-fallback-service and intent-service as
 * themselves). No key is in the source, and each data directory has its own.
 */
final class Secrets {

    static final String GATEWAY = "gateway-service";
    static final String LLM_FALLBACK = "llm-fallback-service";
    static final String INTENT = "intent-service";

    private final Path dir;

    private Secrets(Path dir) {
        this.dir = dir;
    }

    static Secrets in(Path dataDir) {
        Path dir = dataDir.resolve("secrets");
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir, e);
        }
        Secrets secrets = new Secrets(dir);
        secrets.ensure("jwt-secret", () -> Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(48)));
        secrets.ensureKeyPair(GATEWAY);
        secrets.ensureKeyPair(LLM_FALLBACK);
        secrets.ensureKeyPair(INTENT);
        return secrets;
    }

    /** What {@code module} needs: every service the public keys, the signers their private key. */
    Map<String, String> environment(String module) {
        Map<String, String> env = new HashMap<>();
        env.put("INTERNAL_AUTH_GATEWAY_PUBLIC_KEY", read(GATEWAY + ".pub"));
        env.put("INTERNAL_AUTH_LLM_FALLBACK_PUBLIC_KEY", read(LLM_FALLBACK + ".pub"));
        env.put("INTERNAL_AUTH_INTENT_PUBLIC_KEY", read(INTENT + ".pub"));
        if (module.equals(GATEWAY) || module.equals(LLM_FALLBACK) || module.equals(INTENT)) {
            env.put("INTERNAL_AUTH_PRIVATE_KEY", read(module + ".key"));
        }
        if (module.equals(GATEWAY)) {
            env.put("JWT_SECRET_KEY", read("jwt-secret"));
        }
        return env;
    }

    private void ensureKeyPair(String service) {
        if (Files.exists(dir.resolve(service + ".key")) && Files.exists(dir.resolve(service + ".pub"))) {
            return;
        }
        KeyPair pair = rsa();
        write(service + ".key", pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        write(service + ".pub", pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    }

    private void ensure(String name, Supplier<String> value) {
        if (!Files.exists(dir.resolve(name))) {
            write(name, value.get());
        }
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
        }
    }

    private void write(String name, String content) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
