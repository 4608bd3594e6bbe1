package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL runs detached from the launcher: if the launcher was killed outright, its server may still hold the
 * data directory. It is stopped before a new one starts on the same directory.
 */
final class StalePostgres {

    private StalePostgres() {
    }

    static Optional<ProcessHandle> postmaster(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.isEmpty() ? Optional.empty()
                    : ProcessHandle.of(Long.parseLong(lines.get(0).strip())).filter(ProcessHandle::isAlive)
                            .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void stopIfRunning(Path dataDir) {
        postmaster(dataDir).ifPresent(stale -> {
            System.out.println("[local-stack] stopping PostgreSQL " + stale.pid() + " left running on " + dataDir);
            stale.destroy();
            try {
                stale.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                stale.destroyForcibly();
            }
        });
    }
}
