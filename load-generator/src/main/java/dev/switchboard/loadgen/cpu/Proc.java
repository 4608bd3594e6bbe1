package dev.switchboard.loadgen.cpu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads processes from a {@code /proc} file system (another root in tests). A process that ends while it is being
 * read, or that belongs to another user, simply reads as absent.
 */
public final class Proc {

    private static final String LISTEN = "0A";

    private final Path root;

    public Proc(Path root) {
        this.root = root;
    }

    public static Proc system() {
        return new Proc(Path.of("/proc"));
    }

    List<Long> pids() {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    List<String> arguments(long pid) {
        try {
            String cmdline = new String(Files.readAllBytes(root.resolve(pid + "/cmdline")), StandardCharsets.UTF_8);
            List<String> arguments = new ArrayList<>(List.of(cmdline.split("\0")));
            arguments.removeIf(String::isEmpty);
            return arguments;
        } catch (IOException e) {
            return List.of();
        }
    }

    Optional<ProcStat> stat(long pid) {
        try {
            return Optional.of(ProcStat.parse(Files.readString(root.resolve(pid + "/stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    Optional<Path> workingDirectory(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(root.resolve(pid + "/cwd")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Resident set size, from {@code VmRSS} of /proc/PID/status. */
    public long residentKilobytes(long pid) {
        return kilobytes(root.resolve(pid + "/status"), "VmRSS:");
    }

    /** Proportional set size (shared pages divided among their users), from /proc/PID/smaps_rollup. */
    public long proportionalKilobytes(long pid) {
        return kilobytes(root.resolve(pid + "/smaps_rollup"), "Pss:");
    }

    private static long kilobytes(Path file, String field) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(field))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst().orElse(0);
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** The 1-minute load average. */
    public double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(root.resolve("loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The process listening on a local TCP port: its socket's inode from /proc/net/tcp*, then whose fd it is. */
    public OptionalLong listeningOn(int port) {
        Set<String> sockets = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            try {
                listeningInodes(Files.readAllLines(root.resolve(table)), port)
                        .forEach(inode -> sockets.add("socket:[" + inode + "]"));
            } catch (IOException e) {
                // no IPv6 table: nothing listens there
            }
        }
        if (sockets.isEmpty()) {
            return OptionalLong.empty();
        }
        for (long pid : pids()) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(root.resolve(pid + "/fd"))) {
                for (Path fd : fds) {
                    if (sockets.contains(readLink(fd))) {
                        return OptionalLong.of(pid);
                    }
                }
            } catch (IOException e) {
                // another user's process, or gone
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The inodes of sockets listening on a port, from the lines of /proc/net/tcp: {@code sl local_address
     * rem_address st ... uid timeout inode}, the address as hex {@code IP:PORT}, state 0A meaning LISTEN.
     */
    static List<Long> listeningInodes(List<String> lines, int port) {
        return lines.stream().skip(1).map(String::strip).map(line -> line.split(" +"))
                .filter(f -> f.length > 9 && f[3].equals(LISTEN)
                        && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port)
                .map(f -> Long.parseLong(f[9])).toList();
    }

    private static String readLink(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }
}
