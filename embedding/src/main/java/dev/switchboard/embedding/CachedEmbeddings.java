package dev.switchboard.embedding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SentenceEmbedder} whose bulk embeddings (a service's examples or documents) are computed once per model and
 * content, and kept on disk under the SHA-256 of the model's name and the texts: a restart reads them back in
 * milliseconds instead of running the model over every text again; a changed knowledge base or model has another
 * checksum, so it is embedded afresh. Not at build time: the cache fills at the first start after a change. A cache
 * file that cannot be read or written is logged and the texts are embedded (the cache only saves time).
 */
final class CachedEmbeddings implements SentenceEmbedder {

    private static final Logger log = LoggerFactory.getLogger(CachedEmbeddings.class);

    private final SentenceEmbedder model;
    private final Path directory;

    CachedEmbeddings(SentenceEmbedder model, Path directory) {
        this.model = model;
        this.directory = directory;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text);
    }

    @Override
    public String modelName() {
        return model.modelName();
    }

    @Override
    public float[][] embedAll(List<String> texts) {
        long started = System.nanoTime();
        Path file = directory.resolve(model.modelName() + "-" + checksum(model.modelName(), texts) + ".vectors");
        if (Files.exists(file)) {
            try {
                float[][] vectors = VectorFile.read(file, texts.size());
                log.info("Read the embeddings of {} texts from {} in {} ms", texts.size(), file, millisSince(started));
                return vectors;
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot read the cached embeddings {} ({}); embedding the {} texts again", file, e.toString(),
                        texts.size());
            }
        }
        float[][] vectors = model.embedAll(texts);
        try {
            VectorFile.write(file, vectors);
            log.info("Embedded {} texts in {} ms and cached them in {}", texts.size(), millisSince(started), file);
        } catch (IOException e) {
            log.warn("Embedded {} texts in {} ms but cannot cache them in {}: {}", texts.size(), millisSince(started),
                    file, e.toString());
        }
        return vectors;
    }

    static String checksum(String modelName, List<String> texts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            update(digest, modelName);
            for (String text : texts) {
                update(digest, text);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Length-prefixed, so ["ab", "c"] and ["a", "bc"] differ. */
    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        digest.update(bytes);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
