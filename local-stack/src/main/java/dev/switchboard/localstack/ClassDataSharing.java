package dev.switchboard.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Class-data sharing for the service JVMs, as Spring Boot documents it on Java 17: each jar is run extracted (classes in
 * plain jars, which CDS can map; it cannot from a jar nested in a jar), and classes are mapped from archives instead of
 * being loaded, verified and parsed again at every start.
 *
 * <p>The libraries every service bundles (Spring, Netty, Kafka, Micrometer, platform, ...: about 150 jars, 85-90 % of
 * the classes each service loads) are archived once for all of them, in {@code local-stack/target/cds}, and every
 * service puts that archive's jars first on its class path and maps it from the same file, so the kernel keeps one
 * copy of its read-only pages for the whole stack. With one archive per service, as before, each process held its own
 * 100-120 MB copy (docs/benchmarks.md). On top of it, each service maps an archive of its own classes
 * ({@code SERVICE/target/cds/SERVICE.jsa}, dynamic, written when a run that mapped the shared one exits).
 *
 * <p>So after a build that changed a bundled library: the first start records which classes each service loads and its
 * stop archives the shared ones (one {@code -Xshare:dump}, about half a minute of a core); the second start maps that
 * archive and its stop archives each service's own classes; later starts map both. A jar that changed only in its own
 * classes keeps the shared archive.
 */
final class ClassDataSharing {

    /**
     * What a JVM writing its archive at exit may take beyond its stop grace: a few seconds each, but eight writing at
     * once on two cores passed the 20 s grace and were killed half-written (written again at the next stop).
     */
    static final Duration ARCHIVE_WRITE_GRACE = Duration.ofSeconds(40);
    private static final Duration DUMP_TIMEOUT = Duration.ofMinutes(5);
    private static final String ARCHIVE_AT_EXIT = "-XX:ArchiveClassesAtExit=";
    private static final String LIBRARIES = "BOOT-INF/lib/";
    /** Next to an extraction or the shared libraries: the fingerprint of what they were made from. */
    private static final String SOURCE = "source";
    private static final String CLASS_LIST = ".classlist";

    private final Path java;
    private final Path shared;
    private final List<Path> sharedJars;
    private final List<Path> ownArchives;

    private ClassDataSharing(Path java, Path shared, List<Path> sharedJars, List<Path> ownArchives) {
        this.java = java;
        this.shared = shared;
        this.sharedJars = sharedJars;
        this.ownArchives = ownArchives;
    }

    /**
     * Extracts the services' jars that changed since their last extraction and gathers the libraries they all bundle
     * in {@code shared}.
     *
     * @param jars every service module's jar that is built (the shared libraries are those of all of them)
     */
    static ClassDataSharing prepare(Path java, Collection<Path> jars, Path shared) {
        try {
            for (Path jar : jars) {
                extractIfStale(java, jar);
            }
            Map<String, String> common = commonLibraries(jars);
            String fingerprint = digest(common.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()));
            Path libraries = shared.resolve("lib");
            if (!isCurrent(shared, fingerprint)) {
                deleteRecursively(shared);
                Files.createDirectories(libraries);
                Path from = extraction(jars.iterator().next()).resolveSibling("lib");
                for (String library : common.keySet()) {
                    Files.copy(from.resolve(library), libraries.resolve(library));
                }
                Files.writeString(shared.resolve(SOURCE), fingerprint);
            }
            ClassDataSharing sharing = new ClassDataSharing(java, shared,
                    common.keySet().stream().map(libraries::resolve).toList(),
                    jars.stream().map(ClassDataSharing::ownArchive).toList());
            if (!Files.exists(sharing.sharedArchive())) {
                sharing.deleteOwnArchives();
            }
            return sharing;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare class-data sharing in " + shared, e);
        }
    }

    /** Whether a JVM started with {@code command} writes an archive when it exits. */
    static boolean archivesAtExit(List<String> command) {
        return command.stream().anyMatch(option -> option.startsWith(ARCHIVE_AT_EXIT));
    }

    /**
     * The JVM options, class path and main class that run {@code jar} (extracted by {@link #prepare}) with class-data
     * sharing.
     *
     * @param recording whether this JVM records its classes or writes its own archive when one is missing (one JVM
     *     per module may: a second instance of the same service maps what the first wrote, at a later start)
     */
    List<String> options(Path jar, String module, boolean recording) {
        Path archive = sharedArchive();
        Path own = ownArchive(jar);
        List<String> options = new ArrayList<>();
        if (Files.exists(archive)) {
            options.add("-XX:+UnlockDiagnosticVMOptions");
            // Debian's Java 17 maps archives at a random address by default and rewrites their pointers, which copies
            // every page into each process: mapped where it was written, the shared archive stays shared
            options.add("-XX:ArchiveRelocationMode=0");
            if (Files.exists(own)) {
                options.add("-XX:SharedArchiveFile=" + archive + ":" + own);
            } else {
                options.add("-XX:SharedArchiveFile=" + archive);
                if (recording) {
                    options.add(ARCHIVE_AT_EXIT + own);
                }
            }
        } else if (recording) {
            // written as classes load, so a killed run leaves its list too
            options.add("-XX:DumpLoadedClassList=" + shared.resolve(module + CLASS_LIST));
        }
        Path extracted = extraction(jar);
        options.add("-cp");
        // the shared archive's jars first, in its order: the JVM maps it only for a class path that starts with them
        options.add(Stream.concat(sharedJars.stream(), Stream.of(extracted)).map(Path::toString)
                .collect(Collectors.joining(":")));
        options.add(mainClass(extracted));
        return options;
    }

    /**
     * Archives the shared libraries' classes that the services loaded, when there is no archive yet and a run recorded
     * them; at the stack's stop, once the services have exited.
     */
    void archiveIfMissing(Consumer<String> log) {
        Path archive = sharedArchive();
        try (Stream<Path> files = Files.list(shared)) {
            List<Path> lists = files.filter(f -> f.getFileName().toString().endsWith(CLASS_LIST)).sorted().toList();
            if (Files.exists(archive) || lists.isEmpty()) {
                return;
            }
            long started = System.nanoTime();
            Set<String> classes = new LinkedHashSet<>();
            for (Path list : lists) {
                Files.readAllLines(list).stream().filter(line -> !line.startsWith("#")).forEach(classes::add);
            }
            Path union = shared.resolve("all" + CLASS_LIST);
            Files.write(union, classes);
            Path written = shared.resolve("classes.jsa.tmp");
            // classes of a service's own jars are not on this class path: the dump skips them, with a warning each
            Process dump = new ProcessBuilder(java.toString(), "-XX:+UseSerialGC", "-Xshare:dump",
                    "-XX:SharedClassListFile=" + union, "-XX:SharedArchiveFile=" + written, "-cp",
                    sharedJars.stream().map(Path::toString).collect(Collectors.joining(":")))
                    .redirectErrorStream(true).redirectOutput(shared.resolve("dump.log").toFile()).start();
            if (!dump.waitFor(DUMP_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || dump.exitValue() != 0) {
                dump.destroyForcibly();
                log.accept("class-data archive of the shared libraries NOT written (see " + shared.resolve("dump.log")
                        + "); the next start records the classes again");
                Files.deleteIfExists(written);
            } else {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
                log.accept("class-data archive of the shared libraries written (" + sharedJars.size() + " jars, "
                        + classes.size() + " classes recorded by " + lists.size() + " services) in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            for (Path list : lists) {
                Files.delete(list);
            }
            Files.delete(union);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot archive the shared libraries in " + shared, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A service's own archive sits on top of the shared one, and only a start that maps the shared one writes it: while
     * there is none (a build changed a shared jar, or its archive was deleted), those made against an earlier one go.
     */
    private void deleteOwnArchives() throws IOException {
        for (Path own : ownArchives) {
            Files.deleteIfExists(own);
        }
    }

    Path sharedArchive() {
        return shared.resolve("classes.jsa");
    }

    /**
     * The libraries that every jar bundles, byte for byte (same name, CRC and size), by name, with their CRC and size.
     * One that holds a class another library of some service holds too is left out: first on the class path, it would
     * win over the copy that service loads today (two OkHttp majors ship the same classes).
     */
    private static Map<String, String> commonLibraries(Collection<Path> jars) throws IOException {
        Map<Path, Map<String, String>> librariesOf = new LinkedHashMap<>();
        for (Path jar : jars) {
            librariesOf.put(jar, libraries(jar));
        }
        Map<String, String> common = new TreeMap<>(librariesOf.values().iterator().next());
        librariesOf.values().forEach(libraries ->
                common.entrySet().removeIf(e -> !e.getValue().equals(libraries.get(e.getKey()))));
        if (common.isEmpty()) {
            return common;
        }
        Set<String> othersClasses = new HashSet<>();
        Set<String> others = new HashSet<>();
        for (var jar : librariesOf.entrySet()) {
            Path libraries = extraction(jar.getKey()).resolveSibling("lib");
            for (String library : jar.getValue().keySet()) {
                if (!common.containsKey(library) && others.add(library)) {
                    othersClasses.addAll(classes(libraries.resolve(library)));
                }
            }
        }
        Path anyLibraries = extraction(jars.iterator().next()).resolveSibling("lib");
        Set<String> colliding = new HashSet<>();
        for (String library : common.keySet()) {
            if (!Collections.disjoint(classes(anyLibraries.resolve(library)), othersClasses)) {
                colliding.add(library);
            }
        }
        common.keySet().removeAll(colliding);
        return common;
    }

    private static Map<String, String> libraries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().filter(e -> e.getName().startsWith(LIBRARIES) && e.getName().endsWith(".jar"))
                    .collect(Collectors.toMap(e -> e.getName().substring(LIBRARIES.length()),
                            e -> e.getCrc() + " " + e.getSize()));
        }
    }

    private static Set<String> classes(Path library) throws IOException {
        try (ZipFile zip = new ZipFile(library.toFile())) {
            return zip.stream().map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class") && !name.endsWith("module-info.class"))
                    .collect(Collectors.toSet());
        }
    }

    private static Path extraction(Path jar) {
        return jar.resolveSibling("cds").resolve(jar.getFileName());
    }

    private static Path ownArchive(Path jar) {
        return jar.resolveSibling("cds").resolve(jar.getFileName().toString().replaceAll("\\.jar$", ".jsa"));
    }

    private static String mainClass(Path extracted) {
        try (JarFile jar = new JarFile(extracted.toFile())) {
            return Objects.requireNonNull(jar.getManifest().getMainAttributes().getValue("Main-Class"),
                    () -> extracted + " names no Main-Class");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the manifest of " + extracted, e);
        }
    }

    private static void extractIfStale(Path java, Path jar) throws IOException {
        Path directory = jar.resolveSibling("cds");
        String fingerprint = fingerprint(jar);
        if (isExtracted(jar, directory, fingerprint)) {
            return;
        }
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Process extract = new ProcessBuilder(java.toString(), "-Djarmode=tools", "-jar", jar.toString(), "extract",
                "--destination", directory.toString(), "--force").redirectErrorStream(true).start();
        try (InputStream output = extract.getInputStream()) {
            String printed = new String(output.readAllBytes(), StandardCharsets.UTF_8);
            if (!extract.waitFor(5, TimeUnit.MINUTES) || extract.exitValue() != 0) {
                throw new IllegalStateException("Cannot extract " + jar + " for class-data sharing: " + printed);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while extracting " + jar, e);
        }
        Files.writeString(directory.resolve(SOURCE), fingerprint);
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
        return Files.exists(directory.resolve(jar.getFileName())) && isCurrent(directory, fingerprint);
    }

    private static boolean isCurrent(Path directory, String fingerprint) throws IOException {
        Path source = directory.resolve(SOURCE);
        return Files.exists(source) && Files.readString(source).equals(fingerprint);
    }

    /** A digest of the jar's entries (name, CRC and size each), read from its central directory: nothing is inflated. */
    static String fingerprint(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return digest(zip.stream().map(entry -> entry.getName() + " " + entry.getCrc() + " " + entry.getSize()));
        }
    }

    private static String digest(Stream<String> lines) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        lines.forEach(line -> digest.update((line + "\n").getBytes(StandardCharsets.UTF_8)));
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
