package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Class-data sharing for a service's JVM, as Spring Boot documents it on Java 17: the jar is run extracted (classes in
 * plain jars, which CDS can map; it cannot from a jar nested in a jar), and the classes a run loaded are archived when
 * it exits ({@code -XX:ArchiveClassesAtExit}); the next start maps them from that archive
 * ({@code -XX:SharedArchiveFile}) instead of loading, verifying and parsing each class again. Both live next to the
 * jar, under {@code target/cds}, and are made again when the jar's content changes (a build that changed it), so the
 * first start after such a build is the training run and pays the extraction.
 */
final class ClassDataSharing {

    /**
     * What a JVM writing its archive at exit may take beyond its stop grace: a few seconds each, but eight writing at
     * once on two cores passed the 20 s grace and were killed half-written (written again at the next stop).
     */
    static final Duration ARCHIVE_WRITE_GRACE = Duration.ofSeconds(40);
    private static final String ARCHIVE_AT_EXIT = "-XX:ArchiveClassesAtExit=";
    /** Next to an extraction: the fingerprint of the jar it was extracted from. */
    private static final String SOURCE = "source";

    private ClassDataSharing() {
    }

    /** Whether a JVM started with {@code command} writes its archive when it exits. */
    static boolean archivesAtExit(List<String> command) {
        return command.stream().anyMatch(option -> option.startsWith(ARCHIVE_AT_EXIT));
    }

    /**
     * The JVM options and jar that run {@code jar} with class-data sharing.
     *
     * @param archiving whether this JVM writes the archive when there is none yet (one JVM per jar may: a second
     *     instance of the same service maps it once written, and runs without it until then)
     */
    static List<String> options(Path java, Path jar, boolean archiving) {
        Path directory = jar.resolveSibling("cds");
        Path extracted = directory.resolve(jar.getFileName());
        Path archive = directory.resolve(jar.getFileName().toString().replaceAll("\\.jar$", ".jsa"));
        extractIfStale(java, jar, directory);
        List<String> options = new ArrayList<>();
        if (Files.exists(archive)) {
            options.add("-XX:SharedArchiveFile=" + archive);
        } else if (archiving) {
            options.add(ARCHIVE_AT_EXIT + archive);
        }
        options.add("-jar");
        options.add(extracted.toString());
        return options;
    }

    private static void extractIfStale(Path java, Path jar, Path directory) {
        try {
            String fingerprint = fingerprint(jar);
            if (isExtracted(jar, directory, fingerprint)) {
                return;
            }
            deleteRecursively(directory);
            Files.createDirectories(directory);
            Process extract = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                    "--destination", directory.toString(), "--force").redirectErrorStream(true).start();
            String output = new String(extract.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                throw new IllegalStateException("Cannot extract " + jar + " for class-data sharing: " + output);
            }
            Files.writeString(directory.resolve(SOURCE), fingerprint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare class-data sharing for " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting " + jar, e);
        }
    }

    /**
     * Whether {@code directory} holds the extraction of this very jar. Every build writes the jar again, changed or
     * not (the root pom's {@code forceCreation}), so its entries are compared rather than its time stamp: a build that
     * changed nothing in it keeps the extraction, and the archive made from it.
     */
    static boolean isExtracted(Path jar, Path directory) throws IOException {
        return isExtracted(jar, directory, fingerprint(jar));
    }

    private static boolean isExtracted(Path jar, Path directory, String fingerprint) throws IOException {
        Path source = directory.resolve(SOURCE);
        return Files.exists(directory.resolve(jar.getFileName())) && Files.exists(source)
                && Files.readString(source).equals(fingerprint);
    }

    /** A digest of the jar's entries (name, CRC and size each), read from its central directory: nothing is inflated. */
    static String fingerprint(Path jar) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().forEach(entry -> digest.update((entry.getName() + " " + entry.getCrc() + " " + entry.getSize()
                    + "\n").getBytes(StandardCharsets.UTF_8)));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
