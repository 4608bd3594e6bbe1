package dev.switchboard.embedding;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Rows of floats of one length in a file: cached embeddings, and what services compute from them once (a trained
 * classifier head). Written to a temporary file first, then moved into place: a reader never sees half a file, and
 * two writers do no harm.
 */
public final class VectorFile {

    private static final int MAGIC = 0x53424531; // "SBE1"

    private VectorFile() {
    }

    /** The rows of {@code file}, which must hold {@code expected} of them. */
    public static float[][] read(Path file, int expected) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16))) {
            if (data.readInt() != MAGIC) {
                throw new IOException("not a vector file");
            }
            int count = data.readInt();
            int dimension = data.readInt();
            if (count != expected || dimension <= 0) {
                throw new IOException("holds " + count + " vectors of " + dimension + ", expected " + expected);
            }
            float[][] vectors = new float[count][dimension];
            for (float[] vector : vectors) {
                for (int d = 0; d < dimension; d++) {
                    vector[d] = data.readFloat();
                }
            }
            return vectors;
        }
    }

    /** Writes {@code vectors} to {@code file}, creating its directory. */
    public static void write(Path file, float[][] vectors) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
        try {
            try (OutputStream out = Files.newOutputStream(partial);
                    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out, 1 << 16))) {
                data.writeInt(MAGIC);
                data.writeInt(vectors.length);
                data.writeInt(vectors.length == 0 ? 1 : vectors[0].length);
                for (float[] vector : vectors) {
                    for (float v : vector) {
                        data.writeFloat(v);
                    }
                }
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
