package dev.switchboard.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's own settings, {@code <data-dir>/config/<module>.env} ({@code NAME=value} lines, {@code #} comments),
 * read each time the service starts: change it and stop the service's process, and the restart runs with it.
 */
final class EnvironmentFile {

    private EnvironmentFile() {
    }

    static Path of(Path dataDir, Service service) {
        return dataDir.resolve("config").resolve(service.module() + ".env");
    }

    static Map<String, String> read(Path file) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return variables;
        }
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new IllegalStateException(file + " line " + number + " is not NAME=value: " + trimmed);
                }
                variables.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
            }
            return variables;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
