package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first run after a build archives its classes when it exits; later runs map the archive. */
class ClassDataSharingTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path target;

    @Test
    void theFirstRunAfterABuildWritesTheArchiveAtExitAndIsGivenTheTimeToWriteIt() throws Exception {
        // Given a jar extracted for class-data sharing, without an archive yet
        Path jar = extracted("demo-service.jar");

        // When the command of its first instance is made
        List<String> options = ClassDataSharing.options(JAVA, jar, true);

        // Then that JVM writes the archive when it exits
        assertThat(options).containsExactly("-XX:ArchiveClassesAtExit=" + target.resolve("cds/demo-service.jsa"),
                "-jar", target.resolve("cds/demo-service.jar").toString());
        assertThat(ClassDataSharing.archivesAtExit(options)).isTrue();
        // and another instance of the same jar neither writes nor maps one
        assertThat(ClassDataSharing.options(JAVA, jar, false)).containsExactly("-jar",
                target.resolve("cds/demo-service.jar").toString());
    }

    @Test
    void aJvmOfAJarWithAnArchiveMapsItAndWritesNothing() throws Exception {
        // Given a jar whose archive an earlier run wrote
        Path jar = extracted("demo-service.jar");
        Files.writeString(target.resolve("cds/demo-service.jsa"), "archive");

        // When its command is made
        List<String> options = ClassDataSharing.options(JAVA, jar, true);

        // Then it maps the archive
        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + target.resolve("cds/demo-service.jsa"),
                "-jar", target.resolve("cds/demo-service.jar").toString());
        assertThat(ClassDataSharing.archivesAtExit(options)).isFalse();
    }

    @Test
    void aJarWrittenAgainWithTheSameEntriesIsStillExtractedAndOneWithOtherEntriesIsNot() throws Exception {
        // Given a jar extracted for class-data sharing
        Path jar = extracted("demo-service.jar");
        Path cds = target.resolve("cds");

        // When a build writes it again with the same entries, later
        jar(jar, "a service's class");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 60_000));

        // Then its extraction (and the archive made from it) still serves
        assertThat(ClassDataSharing.isExtracted(jar, cds)).isTrue();

        // But once a build changed one of its classes, it does not
        jar(jar, "a service's class, changed");
        assertThat(ClassDataSharing.isExtracted(jar, cds)).isFalse();
    }

    /** A jar already extracted for class-data sharing, so that making its command extracts nothing. */
    private Path extracted(String name) throws Exception {
        Path jar = jar(target.resolve(name), "a service's class");
        Path cds = Files.createDirectories(target.resolve("cds"));
        Files.writeString(cds.resolve(name), "extracted");
        Files.writeString(cds.resolve("source"), ClassDataSharing.fingerprint(jar));
        return jar;
    }

    private static Path jar(Path jar, String classContent) throws Exception {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("BOOT-INF/classes/Demo.class"));
            out.write(classContent.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
