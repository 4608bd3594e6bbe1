package dev.switchboard.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Resident memory of this process and everything it started, from /proc. */
final class Memory {

    private Memory() {
    }

    static long residentMegabytes(Optional<ProcessHandle> postgres) {
        Stream<ProcessHandle> ours = Stream.concat(Stream.of(ProcessHandle.current()),
                ProcessHandle.current().descendants());
        Stream<ProcessHandle> database = postgres.map(p -> Stream.concat(Stream.of(p), p.descendants()))
                .orElse(Stream.empty());
        return Stream.concat(ours, database).mapToLong(p -> p.pid()).distinct().map(Memory::rssKilobytes).sum() / 1024;
    }

    static long rssKilobytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // the process ended meanwhile, or this is not Linux: it counts for nothing
        }
        return 0;
    }
}
