package dev.switchboard.platform.kafka.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastGoodVersionTest {

    private static final byte[] CONTENT = "{\"version\":\"2026-12-03\",\"agents\":{}}\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void keepsTheLastVersionAndReadsItBack() {
        // Given version 3 then version 4 kept
        LastGoodVersion disk = LastGoodVersion.in(directory.toString(), "some-service");
        disk.keep(new LastGoodVersion.Kept(3, "old label", Sha256.hex("{}".getBytes(StandardCharsets.UTF_8)),
                "{}".getBytes(StandardCharsets.UTF_8)));
        disk.keep(new LastGoodVersion.Kept(4, "a label with spaces", Sha256.hex(CONTENT), CONTENT));

        // When read (by the next start), Then version 4 comes back byte for byte
        assertThat(LastGoodVersion.in(directory.toString(), "some-service").read()).get().satisfies(kept -> {
            assertThat(kept.versionId()).isEqualTo(4);
            assertThat(kept.label()).isEqualTo("a label with spaces");
            assertThat(kept.checksum()).isEqualTo(Sha256.hex(CONTENT));
            assertThat(kept.content()).isEqualTo(CONTENT);
        });
        assertThat(directory).isDirectoryContaining(
                path -> path.getFileName().toString().equals("some-service" + LastGoodVersion.FILE_SUFFIX));
    }

    @Test
    void aCopyThatNoLongerMatchesItsChecksumIsNotUsed() throws IOException {
        // Given a kept version whose content was changed on disk
        LastGoodVersion disk = LastGoodVersion.in(directory.toString(), "some-service");
        disk.keep(new LastGoodVersion.Kept(4, "v4", Sha256.hex(CONTENT), CONTENT));
        Path file = directory.resolve("some-service" + LastGoodVersion.FILE_SUFFIX);
        Files.writeString(file, Files.readString(file).replace("2026-12-03", "2026-12-04"));

        // When read, Then there is none
        assertThat(disk.read()).isEmpty();
    }

    @Test
    void withoutADirectoryNothingIsKept() {
        // Given no cache directory configured
        LastGoodVersion disk = LastGoodVersion.in("", "some-service");

        // When a version is kept, Then nothing can be read back
        disk.keep(new LastGoodVersion.Kept(4, "v4", Sha256.hex(CONTENT), CONTENT));
        assertThat(disk.read()).isEmpty();
        assertThat(disk.file()).isNull();
    }
}
