package dev.switchboard.loadgen.cpu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A /proc tree in a directory: processes with a command line, a stat line, a working directory and sockets. */
final class FakeProc {

    private final Path root;

    FakeProc(Path root) {
        this.root = root;
        write("loadavg", "1.50 1.20 0.90 3/500 4242\n");
        write("net/tcp", "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
                + "inode\n");
    }

    Proc proc() {
        return new Proc(root);
    }

    /** A process with its command line and CPU ticks so far. */
    FakeProc process(long pid, long parent, long ticks, String... arguments) {
        write(pid + "/cmdline", String.join("\0", arguments) + "\0");
        return ticks(pid, parent, ticks);
    }

    FakeProc ticks(long pid, long parent, long ticks) {
        // utime carries all the ticks, stime none
        write(pid + "/stat", pid + " (java) S " + parent + " 1 1 0 -1 0 0 0 0 0 " + ticks
                + " 0 0 0 20 0 1 0 100 1000 100\n");
        return this;
    }

    FakeProc workingDirectory(long pid, String directory) {
        link(pid + "/cwd", directory);
        return this;
    }

    /** The process listens on {@code port} through a socket with this inode. */
    FakeProc listening(long pid, int port, long inode) {
        write("net/tcp", read("net/tcp") + String.format("   0: 0100007F:%04X 00000000:0000 0A 00000000:00000000 "
                + "00:00000000 00000000  1000        0 %d 1 0000000000000000 100 0 0 10 0%n", port, inode));
        link(pid + "/fd/7", "socket:[" + inode + "]");
        return this;
    }

    FakeProc memory(long pid, long rssKb, long pssKb) {
        write(pid + "/status", "Name:\tjava\nVmRSS:\t" + rssKb + " kB\nThreads:\t40\n");
        write(pid + "/smaps_rollup", "Rss:  " + rssKb + " kB\nPss:  " + pssKb + " kB\n");
        return this;
    }

    private void write(String file, String content) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String file) {
        try {
            return Files.readString(root.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void link(String file, String target) {
        try {
            Path path = root.resolve(file);
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path);
            Files.createSymbolicLink(path, Path.of(target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
