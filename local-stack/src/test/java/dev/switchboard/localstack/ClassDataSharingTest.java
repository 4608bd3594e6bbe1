package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The libraries every service bundles are archived once and mapped by all; the first run after a build records the
 * classes, its stop archives them; each service's own classes are archived on top of that.
 */
class ClassDataSharingTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final long BUILT = 1_767_225_600_000L;

    @TempDir
    Path home;

    @Test
    void theLibrariesEveryServiceBundlesComeFirstOnEveryClassPathAndTheFirstRunRecordsItsClasses() throws Exception {
        // Given two services that bundle the same logging library, and one library each of their own
        Path chat = service("chat", Map.of("logging.jar", library("org/log/Logger.class"),
                "r2dbc.jar", library("io/r2dbc/Connection.class")));
        Path intent = service("intent", Map.of("logging.jar", library("org/log/Logger.class"),
                "onnx.jar", library("ai/onnx/Session.class")));

        // When the stack prepares class-data sharing for them, with no archive yet
        ClassDataSharing sharing = ClassDataSharing.prepare(JAVA, List.of(chat, intent), shared());

        // Then only the common library is gathered, and each service puts it before its own jar
        assertThat(shared().resolve("lib")).isDirectoryContaining(p -> p.getFileName().toString().equals("logging.jar"))
                .isDirectoryNotContaining(p -> p.getFileName().toString().matches("r2dbc.jar|onnx.jar"));
        List<String> options = sharing.options(chat, "chat-service", true);
        assertThat(options).containsExactly("-XX:DumpLoadedClassList=" + shared().resolve("chat-service.classlist"),
                "-cp", shared().resolve("lib/logging.jar") + ":" + home.resolve("chat/target/cds/chat.jar"),
                "demo.ChatApplication");
        // and a second instance of the same module records nothing
        assertThat(sharing.options(chat, "chat-service", false)).first().isEqualTo("-cp");
    }

    @Test
    void aLibraryHoldingAClassThatAnotherServiceLoadsFromItsOwnLibraryIsNotShared() throws Exception {
        // Given two services that bundle the same HTTP client, one of them with an older major of it as well
        Path chat = service("chat", Map.of("http-5.jar", library("okhttp3/Call.class")));
        Path llm = service("llm", Map.of("http-5.jar", library("okhttp3/Call.class"),
                "http-4.jar", library("okhttp3/Call.class", "okhttp3/Old.class")));

        // When the stack prepares class-data sharing for them
        ClassDataSharing.prepare(JAVA, List.of(chat, llm), shared());

        // Then the newer one is not shared: first on the class path, it would win over the one llm loads today
        assertThat(shared().resolve("lib")).isEmptyDirectory();
    }

    @Test
    void onceTheSharedArchiveExistsEachServiceMapsItAndArchivesItsOwnClassesOnTopOfIt() throws Exception {
        // Given the shared libraries' archive
        Path chat = service("chat", Map.of("logging.jar", library("org/log/Logger.class")));
        ClassDataSharing sharing = ClassDataSharing.prepare(JAVA, List.of(chat), shared());
        Files.writeString(sharing.sharedArchive(), "archive");
        Path own = home.resolve("chat/target/cds/chat.jsa");

        // When a service's command is made, Then it maps that archive where it was written and writes its own at exit
        List<String> options = sharing.options(chat, "chat-service", true);
        assertThat(options).startsWith("-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0",
                "-XX:SharedArchiveFile=" + sharing.sharedArchive(), "-XX:ArchiveClassesAtExit=" + own);
        assertThat(ClassDataSharing.archivesAtExit(options)).isTrue();

        // And once its own archive exists, it maps both and writes nothing
        Files.writeString(own, "archive");
        options = sharing.options(chat, "chat-service", true);
        assertThat(options).contains("-XX:SharedArchiveFile=" + sharing.sharedArchive() + ":" + own);
        assertThat(ClassDataSharing.archivesAtExit(options)).isFalse();
    }

    @Test
    void theStopArchivesTheRecordedClassesOnceAndAChangedLibraryStartsOver() throws Exception {
        // Given a first run that recorded the classes of two services
        Path chat = service("chat", Map.of("logging.jar", library("org/log/Logger.class")));
        Path intent = service("intent", Map.of("logging.jar", library("org/log/Logger.class")));
        ClassDataSharing sharing = ClassDataSharing.prepare(JAVA, List.of(chat, intent), shared());
        Files.write(shared().resolve("chat-service.classlist"), List.of("# recorded", "java/lang/Object",
                "java/lang/String"));
        Files.write(shared().resolve("intent-service.classlist"), List.of("java/lang/Object", "java/util/List"));

        // When the stack stops
        List<String> logged = new ArrayList<>();
        sharing.archiveIfMissing(logged::add);

        // Then one archive holds them, the lists are used up, and the log says so
        assertThat(sharing.sharedArchive()).isNotEmptyFile();
        assertThat(shared().resolve("chat-service.classlist")).doesNotExist();
        assertThat(logged).singleElement().asString().contains("written (1 jars, 3 classes recorded by 2 services)");

        // And a service's own archive, written on top of it at the next stop, stays while the shared one does
        Files.writeString(home.resolve("intent/target/cds/intent.jsa"), "archive");
        ClassDataSharing.prepare(JAVA, List.of(chat, intent), shared());
        assertThat(home.resolve("intent/target/cds/intent.jsa")).exists();

        // But once a build changed the common library, the archive and every service's own one go
        Path rebuilt = service("chat", Map.of("logging.jar", library("org/log/Logger.class", "org/log/Level.class")));
        service("intent", Map.of("logging.jar", library("org/log/Logger.class", "org/log/Level.class")));
        sharing = ClassDataSharing.prepare(JAVA, List.of(rebuilt, intent), shared());
        assertThat(sharing.sharedArchive()).doesNotExist();
        assertThat(home.resolve("intent/target/cds/intent.jsa")).doesNotExist();
    }

    @Test
    void aJarWrittenAgainWithTheSameEntriesIsStillExtractedAndOneWithOtherEntriesIsNot() throws Exception {
        // Given a jar extracted for class-data sharing
        Path jar = service("chat", Map.of("logging.jar", library("org/log/Logger.class")));
        Path cds = jar.resolveSibling("cds");

        // When a build writes it again with the same entries, later
        service("chat", Map.of("logging.jar", library("org/log/Logger.class")));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        // Then its extraction (and the archive made from it) still serves
        assertThat(ClassDataSharing.isExtracted(jar, cds)).isTrue();

        // But once a build changed one of its libraries, it does not
        zip(jar, Map.of("BOOT-INF/lib/logging.jar", library("org/log/Logger.class", "org/log/Level.class")));
        assertThat(ClassDataSharing.isExtracted(jar, cds)).isFalse();
    }

    private Path shared() {
        return home.resolve("local-stack/target/cds");
    }

    /**
     * A service's built jar with these libraries, already extracted as {@code -Djarmode=tools extract} lays it out
     * (so that preparing extracts nothing).
     */
    private Path service(String name, Map<String, byte[]> libraries) throws Exception {
        Path target = Files.createDirectories(home.resolve(name).resolve("target"));
        Path jar = target.resolve(name + ".jar");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        libraries.forEach((library, content) -> entries.put("BOOT-INF/lib/" + library, content));
        zip(jar, entries);
        Path cds = Files.createDirectories(target.resolve("cds").resolve("lib"));
        for (var library : libraries.entrySet()) {
            Files.write(cds.resolve(library.getKey()), library.getValue());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        String application = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Application";
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "demo." + application);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target.resolve("cds/" + name + ".jar")),
                manifest)) {
            out.putNextEntry(new ZipEntry("demo/" + application + ".class"));
            out.closeEntry();
        }
        Files.writeString(target.resolve("cds/source"), ClassDataSharing.fingerprint(jar));
        return jar;
    }

    private static byte[] library(String... classes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (String type : classes) {
                ZipEntry entry = new ZipEntry(type);
                // one library built twice is the same bytes
                entry.setTime(BUILT);
                out.putNextEntry(entry);
                out.write(type.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static void zip(Path file, Map<String, byte[]> entries) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
    }
}
