package dev.switchboard.loadgen.cpu;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A process of the stack and the name it is reported under: a service's module name (from its
 * {@code java ... -jar .../<module>.jar}, or the local stack's {@code -Dswitchboard.instance=<module>[-n]}), {@code kafka (local-stack)} for the launcher that hosts the broker, or
 * {@code postgres}.
 */
record StackProcess(long pid, String name) {

    static final String LAUNCHER = "local-stack";
    static final String POSTGRES = "postgres";
    private static final String INSTANCE = "-Dswitchboard.instance=";

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
        if (!program.startsWith("java")) {
            return Optional.empty();
        }
        int jar = arguments.indexOf("-jar");
        if (jar >= 0 && jar + 1 < arguments.size()) {
            String module = fileName(arguments.get(jar + 1)).replaceFirst("\\.jar$", "");
            return Optional.of(module.equals(LAUNCHER) ? "kafka (local-stack)" : module);
        }
        // the local stack runs a service's extracted jar after the libraries all services share (class-data
        // sharing), and names the instance: gateway-service, gateway-service-2, ...
        return arguments.stream().filter(a -> a.startsWith(INSTANCE)).findFirst()
                .map(a -> a.substring(INSTANCE.length()).replaceFirst("-\\d+$", ""));
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
