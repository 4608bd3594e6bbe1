package dev.switchboard.platform.kafka.versions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last knowledge base version this replica loaded, kept on disk (in the embedding cache directory, or
 * {@code switchboard.knowledge-base.kept-dir}) so that it can start when knowledge-service is not up. One file: a first
 * line {@code <versionId> <checksum> <label>}, then the document as published. It is replaced in one move, and read
 * only when the document matches its checksum. Without a directory nothing is kept, and a replica starts once
 * knowledge-service answers.
 */
final class LastGoodVersion {

    private static final Logger log = LoggerFactory.getLogger(LastGoodVersion.class);
    static final String FILE_SUFFIX = "-knowledge-base.json";

    /** A version's content with what identifies it. */
    record Kept(long versionId, String label, String checksum, byte[] content) {
    }

    private final Path file;

    private LastGoodVersion(Path file) {
        this.file = file;
    }

    /** {@code service}'s, kept in {@code directory}; blank or null keeps nothing. */
    static LastGoodVersion in(String directory, String service) {
        return new LastGoodVersion(directory == null || directory.isBlank() ? null
                : Path.of(directory).resolve(service + FILE_SUFFIX));
    }

    /** Where it is kept, or null. */
    Path file() {
        return file;
    }

    /** The kept version, when there is one whose content matches its checksum. */
    Optional<Kept> read() {
        if (file == null || !Files.exists(file)) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int newline = indexOf(bytes, (byte) '\n');
            String[] header = newline < 0 ? new String[0]
                    : new String(bytes, 0, newline, StandardCharsets.UTF_8).split(" ", 3);
            if (header.length < 3) {
                log.warn("Ignoring the kept knowledge base {}: it has no header", file);
                return Optional.empty();
            }
            byte[] content = Arrays.copyOfRange(bytes, newline + 1, bytes.length);
            if (!Sha256.hex(content).equals(header[1])) {
                log.warn("Ignoring the kept knowledge base {}: its content does not match its checksum", file);
                return Optional.empty();
            }
            return Optional.of(new Kept(Long.parseLong(header[0]), header[2], header[1], content));
        } catch (IOException | NumberFormatException e) {
            log.warn("Cannot read the kept knowledge base {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /** Replaces the kept version; a failure is logged (keeping it only lets a later start go without knowledge-service). */
    void keep(Kept version) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path next = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            byte[] header = (version.versionId() + " " + version.checksum() + " " + version.label().replace('\n', ' ')
                    + "\n").getBytes(StandardCharsets.UTF_8);
            byte[] bytes = Arrays.copyOf(header, header.length + version.content().length);
            System.arraycopy(version.content(), 0, bytes, header.length, version.content().length);
            Files.write(next, bytes);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("Cannot keep knowledge base version {} in {}: {}", version.versionId(), file, e.toString());
        }
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
