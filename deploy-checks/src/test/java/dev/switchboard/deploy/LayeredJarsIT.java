package dev.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the Dockerfile's layers stage does, done here on the packaged jars: Spring Boot's jarmode tools split each
 * service into exactly the layers the runtime stage copies, and together they hold the launcher and the application.
 */
class LayeredJarsIT {

    static List<String> services() {
        return ComposeTest.serviceModules();
    }

    @ParameterizedTest
    @MethodSource("services")
    void theJarSplitsIntoExactlyTheLayersTheRuntimeStageCopies(String service, @TempDir Path work) throws Exception {
        // Given the layers the Dockerfile copies, least often changed first
        List<String> copied = ComposeTest.read(Repository.home().resolve("Dockerfile")).lines()
                .filter(l -> l.startsWith("COPY --from=layers /layers/extracted/"))
                .map(l -> l.replaceAll("COPY --from=layers /layers/extracted/([^/]+)/ \\./", "$1")).toList();
        assertThat(copied).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies",
                "application");
        Path jar = Repository.home().resolve(service).resolve("target").resolve(service + ".jar");

        // When the same command as the Dockerfile extracts it
        Process extract = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher", "--destination",
                work.resolve("extracted").toString()).redirectErrorStream(true)
                .redirectOutput(work.resolve("extract.log").toFile()).start();
        assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(extract.exitValue()).as(Files.readString(work.resolve("extract.log"))).isZero();

        // Then there is no layer the image would miss, and the copied layers hold launcher, libraries and classes
        Set<String> layers;
        try (Stream<Path> dirs = Files.list(work.resolve("extracted"))) {
            layers = dirs.map(d -> d.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(copied).containsAll(layers);
        Path extracted = work.resolve("extracted");
        assertThat(extracted.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
                .exists();
        assertThat(extracted.resolve("application/BOOT-INF/classes")).isDirectory();
        assertThat(countJars(extracted.resolve("dependencies/BOOT-INF/lib"))).isGreaterThan(50);
    }

    private static long countJars(Path lib) throws IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(j -> j.toString().endsWith(".jar")).count();
        }
    }
}
