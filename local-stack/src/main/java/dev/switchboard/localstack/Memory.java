package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory of this process and everything it started, from /proc: resident (RSS, shared pages counted in every process
 * that maps them) and proportional (PSS, each shared page divided among its processes, so the sum is what they take).
 */
final class Memory {

    private Memory() {
    }

    static long residentMegabytes(Optional<ProcessHandle> postgres) {
        return pids(postgres).map(pid -> kilobytes(pid, "status", "VmRSS:")).sum() / 1024;
    }

    static long proportionalMegabytes(Optional<ProcessHandle> postgres) {
        return pids(postgres).map(pid -> kilobytes(pid, "smaps_rollup", "Pss:")).sum() / 1024;
    }

    private static java.util.stream.LongStream pids(Optional<ProcessHandle> postgres) {
        Stream<ProcessHandle> ours = Stream.concat(Stream.of(ProcessHandle.current()),
                ProcessHandle.current().descendants());
        Stream<ProcessHandle> database = postgres.map(p -> Stream.concat(Stream.of(p), p.descendants()))
                .orElse(Stream.empty());
        return Stream.concat(ours, database).mapToLong(ProcessHandle::pid).distinct();
    }

    private static long kilobytes(long pid, String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended meanwhile, or this is not Linux: it counts for nothing
        }
        return 0;
    }
}
