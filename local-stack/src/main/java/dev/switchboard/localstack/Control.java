package dev.switchboard.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fault-test commands read from the launcher's standard input (--control=stdin): only the process that started the
 * launcher can send them, and nothing listens on a port for them.
 */
final class Control {

    enum Command {
        STOP_KAFKA("stop kafka"), START_KAFKA("start kafka"), STOP_POSTGRES("stop postgres"),
        START_POSTGRES("start postgres");

        final String line;

        Command(String line) {
            this.line = line;
        }

        static Optional<Command> parse(String line) {
            return Arrays.stream(values()).filter(c -> c.line.equals(line.strip())).findFirst();
        }
    }

    private Control() {
    }

    /** Runs each command as it comes, on a thread of its own, logging what it did or why it could not. */
    static void readCommands(InputStream input, LocalStack stack, Consumer<String> log) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    Optional<Command> command = Command.parse(line);
                    if (command.isEmpty()) {
                        log.accept("control: unknown command '" + line.strip() + "'; known: "
                                + Arrays.stream(Command.values()).map(c -> c.line).toList());
                        continue;
                    }
                    try {
                        stack.control(command.get());
                        log.accept("control: done: " + command.get().line);
                    } catch (RuntimeException e) {
                        log.accept("control: cannot " + command.get().line + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                log.accept("control: standard input closed: " + e.getMessage());
            }
        }, "local-stack-control");
        reader.setDaemon(true);
        reader.start();
    }
}
