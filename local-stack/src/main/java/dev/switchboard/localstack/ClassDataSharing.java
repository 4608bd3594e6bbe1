package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Class-data sharing for a service's JVM, as Spring Boot documents it on Java 17: the jar is run extracted (classes in
 * plain jars, which CDS can map; it cannot from a jar nested in a jar), and the classes the first run loaded are
 * archived; later starts map them from that archive ({@code -XX:SharedArchiveFile}) instead of loading, verifying and
 * parsing each class again. Both live next to the jar, under {@code target/cds}, and are made again when the jar
 * changes (a new build), so the first start after a build is the training run and pays the extraction.
 *
 * <p>The first run records what it loads ({@code -XX:+RecordDynamicDumpInfo}) and its archive is written with
 * {@code jcmd PID VM.cds dynamic_dump} once it is ready (warm: the path of a first message loaded), not when it
 * stops ({@code -XX:ArchiveClassesAtExit}): a service killed or crashed after the first start of a fresh build was
 * restarted without an archive (intent-service ready 29 s after its kill instead of 11–15 s, docs/faults.md), and
 * archives written at stop made the stop slow and were lost when it outlasted its grace.
 */
final class ClassDataSharing {

    private static final String RECORD = "-XX:+RecordDynamicDumpInfo";

    private ClassDataSharing() {
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
        extractIfStale(java, jar, directory, extracted);
        List<String> options = new ArrayList<>();
        if (Files.exists(archive(jar))) {
            options.add("-XX:SharedArchiveFile=" + archive(jar));
        } else if (archiving) {
            options.add(RECORD);
            // the dump warns of each class it skips (thousands of lines in the service's log)
            options.add("-Xlog:cds=error");
        }
        options.add("-jar");
        options.add(extracted.toString());
        return options;
    }

    /** Whether a JVM started with {@code command} records its classes, to be archived once it is ready. */
    static boolean records(List<String> command) {
        return command.contains(RECORD);
    }

    /**
     * Writes the archive of the running JVM {@code pid} of {@code jar}, started with {@link #options} recording its
     * classes: to a file of its own first, so a JVM starting meanwhile never maps half an archive.
     *
     * @return how long it took
     */
    static Duration archive(Path java, Path jar, long pid) {
        Path archive = archive(jar);
        Path partial = archive.resolveSibling(archive.getFileName() + ".partial");
        long started = System.nanoTime();
        try {
            Files.deleteIfExists(partial);
            Process jcmd = new ProcessBuilder(java.resolveSibling("jcmd").toString(), Long.toString(pid), "VM.cds",
                    "dynamic_dump", partial.toString()).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(2, TimeUnit.MINUTES) || jcmd.exitValue() != 0 || !Files.exists(partial)) {
                throw new IllegalStateException("jcmd " + pid + " VM.cds dynamic_dump did not write " + partial + ": "
                        + output.strip());
            }
            Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
            return Duration.ofNanos(System.nanoTime() - started);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the class-data archive " + archive, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing " + archive, e);
        }
    }

    private static Path archive(Path jar) {
        return jar.resolveSibling("cds").resolve(jar.getFileName().toString().replaceAll("\\.jar$", ".jsa"));
    }

    private static void extractIfStale(Path java, Path jar, Path directory, Path extracted) {
        try {
            String stamp = Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis();
            Path stampFile = directory.resolve("source");
            if (Files.exists(extracted) && Files.exists(stampFile) && Files.readString(stampFile).equals(stamp)) {
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
            Files.writeString(stampFile, stamp);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare class-data sharing for " + jar, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting " + jar, e);
        }
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
