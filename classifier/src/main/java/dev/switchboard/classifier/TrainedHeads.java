package dev.switchboard.classifier;

import dev.switchboard.embedding.VectorFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logistic-regression head, trained once per set of examples and kept on disk next to the cached embeddings:
 * training is deterministic, so the file named by the SHA-256 of everything training reads (the example vectors,
 * their labels, the settings) holds exactly what training would produce again. It took 12.9 s of a 59 s stack start
 * (issue 16); a restarted intent-service reads it in milliseconds, and knowledge-service's accuracy gate reads the
 * served version's cross-validation heads the same way. Without a directory, or when the file cannot be read or
 * written, the head is trained (the cache only saves time).
 */
public final class TrainedHeads {

    private static final Logger log = LoggerFactory.getLogger(TrainedHeads.class);
    // part of the checksum: a change to how the head is trained or stored must change this
    private static final String FORMAT = "softmax-regression-1";

    private final Path directory;

    private TrainedHeads(Path directory) {
        this.directory = directory;
    }

    /** Heads kept in {@code directory}; blank or null trains at every start. */
    public static TrainedHeads in(String directory) {
        return new TrainedHeads(directory == null || directory.isBlank() ? null : Path.of(directory));
    }

    SoftmaxRegression trainOrRead(float[][] x, int[] y, int classes, SoftmaxRegression.Training training) {
        return SoftmaxRegression.fromRows(trainOrRead(FORMAT, settings(classes, training), x, y, classes,
                () -> SoftmaxRegression.train(x, y, classes, training).rows()));
    }

    /**
     * The rows a deterministic training gives for these examples and settings: read from the file their checksum
     * names when one is kept, else trained and kept (intent-service's learned attack detector is kept this way too).
     *
     * @param format names the training and how its rows are stored: a change to either must change it
     * @param settings the training's settings, as they enter the checksum
     * @param rows how many rows training gives
     */
    public float[][] trainOrRead(String format, byte[] settings, float[][] x, int[] y, int rows,
            Supplier<float[][]> train) {
        if (directory == null) {
            return train.get();
        }
        Path file = directory.resolve("head-" + checksum(format, settings, x, y) + ".vectors");
        if (Files.exists(file)) {
            try {
                return VectorFile.read(file, rows);
            } catch (IOException | RuntimeException e) {
                log.warn("Cannot read the trained head {} ({}); training it again", file, e.toString());
            }
        }
        float[][] trained = train.get();
        try {
            VectorFile.write(file, trained);
            log.info("Kept the trained head in {}", file);
        } catch (IOException e) {
            log.warn("Cannot keep the trained head in {}: {}", file, e.toString());
        }
        return trained;
    }

    static String checksum(float[][] x, int[] y, int classes, SoftmaxRegression.Training training) {
        return checksum(FORMAT, settings(classes, training), x, y);
    }

    private static byte[] settings(int classes, SoftmaxRegression.Training training) {
        return ByteBuffer.allocate(4 * 2 + 8 * 2).putInt(classes).putInt(training.epochs())
                .putDouble(training.learningRate()).putDouble(training.l2()).array();
    }

    private static String checksum(String format, byte[] settings, float[][] x, int[] y) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(format.getBytes(StandardCharsets.UTF_8));
            digest.update(settings);
            ByteBuffer row = ByteBuffer.allocate(4 * (x.length == 0 ? 1 : x[0].length + 1));
            for (int n = 0; n < x.length; n++) {
                row.clear();
                row.putInt(y[n]);
                for (float v : x[n]) {
                    row.putFloat(v);
                }
                digest.update(row.array(), 0, row.position());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
