package dev.switchboard.loadgen.cpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process of the stack and the name it is reported under: a service's module name (from its
 * {@code java ... -jar .../<module>.jar}), {@code kafka (local-stack)} for the launcher that hosts the broker, or
 * {@code postgres}.
 */
record StackProcess(long pid, String name) {

    static final String LAUNCHER = "local-stack";
    static final String POSTGRES = "postgres";

    /** What a command line is, if it is part of a stack: the arguments are those of /proc/PID/cmdline. */
    static Optional<String> nameOf(List<String> arguments) {
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        String program = fileName(arguments.get(0));
        // the postmaster runs as .../bin/postgres; its children rename themselves "postgres: walwriter" and so on
        if (program.equals(POSTGRES) || program.startsWith(POSTGRES + ":")) {
            return Optional.of(POSTGRES);
        }
        int jar = arguments.indexOf("-jar");
        if (!program.startsWith("java") || jar < 0 || jar + 1 >= arguments.size()) {
            return Optional.empty();
        }
        String module = fileName(arguments.get(jar + 1)).replaceFirst("\\.jar$", "");
        return Optional.of(module.equals(LAUNCHER) ? "kafka (local-stack)" : module);
    }

    /** Where a local-stack launcher keeps PostgreSQL's data, from its {@code --data-dir=} (default .data). */
    static Path dataDirectory(List<String> launcherArguments, Path workingDirectory) {
        String dir = launcherArguments.stream().filter(a -> a.startsWith("--data-dir=")).map(a -> a.substring(11))
                .reduce((first, last) -> last).orElse(".data");
        return workingDirectory.resolve(dir).normalize();
    }

    /** The postmaster's data directory, from its {@code -D DIR}. */
    static Optional<Path> postgresDataDirectory(List<String> arguments) {
        int flag = arguments.indexOf("-D");
        return flag < 0 || flag + 1 >= arguments.size() ? Optional.empty()
                : Optional.of(Path.of(arguments.get(flag + 1)).normalize());
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
