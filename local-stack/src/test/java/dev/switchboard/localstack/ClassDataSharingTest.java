package dev.switchboard.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's first run after a build records its classes, and its archive is written while it runs. */
class ClassDataSharingTest {

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path target;

    @Test
    void aRecordingJvmIsArchivedWhileItRunsAndTheNextStartMapsTheArchive() throws Exception {
        // Given a JVM started as a first run after a build is: no archive yet, and this instance writes it
        Path jar = extracted("demo-service.jar");
        List<String> options = ClassDataSharing.options(JAVA, jar, true);
        assertThat(options).containsExactly("-XX:+RecordDynamicDumpInfo", "-Xlog:cds=error", "-jar",
                target.resolve("cds/demo-service.jar").toString());
        assertThat(ClassDataSharing.records(options)).isTrue();
        List<String> recording = new ArrayList<>(List.of(JAVA.toString(), options.get(0), options.get(1)));
        Path source = Files.writeString(target.resolve("Waiting.java"), """
                public class Waiting {
                    public static void main(String[] args) throws Exception {
                        System.out.println("ready");
                        Thread.sleep(60_000);
                    }
                }
                """);
        recording.add(source.toString());
        Process running = new ProcessBuilder(recording).redirectErrorStream(true).start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))
                    .readLine()).isEqualTo("ready");

            // When its archive is written while it runs
            ClassDataSharing.archive(JAVA, jar, running.pid());
        } finally {
            running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        // Then the archive is in place (no partial file left) and the next start maps it
        Path archive = target.resolve("cds/demo-service.jsa");
        assertThat(archive).isNotEmptyFile();
        assertThat(target.resolve("cds/demo-service.jsa.partial")).doesNotExist();
        Process next = new ProcessBuilder(JAVA.toString(), "-XX:SharedArchiveFile=" + archive, "-Xshare:on",
                "-version").redirectErrorStream(true).start();
        String output = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(next.waitFor()).as(output).isZero();
        assertThat(output).contains("sharing");
    }

    @Test
    void aJvmOfAJarWithAnArchiveMapsItAndRecordsNothing() throws Exception {
        // Given a jar whose archive was written by an earlier run
        Path jar = extracted("demo-service.jar");
        Path cds = target.resolve("cds");
        Files.writeString(cds.resolve("demo-service.jsa"), "archive");

        // When its command is made
        List<String> options = ClassDataSharing.options(JAVA, jar, true);

        // Then it maps the archive and runs the extracted jar
        assertThat(options).containsExactly("-XX:SharedArchiveFile=" + cds.resolve("demo-service.jsa"), "-jar",
                cds.resolve("demo-service.jar").toString());
        assertThat(ClassDataSharing.records(options)).isFalse();
    }

    /** A jar already extracted for class-data sharing, so that making its command extracts nothing. */
    private Path extracted(String name) throws Exception {
        Path jar = Files.writeString(target.resolve(name), "a service's jar");
        Path cds = Files.createDirectories(target.resolve("cds"));
        Files.writeString(cds.resolve(name), "extracted");
        Files.writeString(cds.resolve("source"), Files.size(jar) + " " + Files.getLastModifiedTime(jar).toMillis());
        return jar;
    }
}
