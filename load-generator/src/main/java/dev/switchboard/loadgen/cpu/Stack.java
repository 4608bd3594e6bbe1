package dev.switchboard.loadgen.cpu;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The processes of the stack under test, pid → name. Other stacks may run on the same machine (tests of other
 * branches start their own), so when the gateway's port leads to a local-stack launcher, only that launcher, its
 * children and the PostgreSQL of its data directory count; otherwise every stack-like process does.
 *
 * @param processes pid → name
 * @param gatewayPid the process listening on the gateway's port, if it could be seen
 * @param scope which processes were taken, for the report
 */
record Stack(Map<Long, String> processes, OptionalLong gatewayPid, String scope) {

    /** @param gateway the process listening on the gateway's port ({@link Proc#listeningOn}), if seen */
    static Stack locate(Proc proc, OptionalLong gateway) {
        Map<Long, ProcStat> stats = new HashMap<>();
        Map<Long, List<String>> arguments = new HashMap<>();
        for (long pid : proc.pids()) {
            proc.stat(pid).ifPresent(stat -> {
                stats.put(pid, stat);
                arguments.put(pid, proc.arguments(pid));
            });
        }
        Optional<Long> launcher = gateway.isPresent() && stats.containsKey(gateway.getAsLong())
                ? Optional.of(stats.get(gateway.getAsLong()).parent())
                        .filter(parent -> isLauncher(arguments.getOrDefault(parent, List.of())))
                : Optional.empty();
        Map<Long, String> processes = new TreeMap<>();
        if (launcher.isEmpty()) {
            arguments.forEach((pid, args) -> StackProcess.nameOf(args).ifPresent(name -> processes.put(pid, name)));
            return new Stack(processes, gateway, "every stack process on the machine (the gateway's port did not lead"
                    + " to a local-stack launcher)");
        }
        long root = launcher.get();
        Path data = StackProcess.dataDirectory(arguments.get(root), proc.workingDirectory(root).orElse(Path.of("/")));
        stats.forEach((pid, stat) -> {
            List<String> args = arguments.get(pid);
            boolean ours = pid == root || descendsFrom(pid, root, stats)
                    || ownPostgres(args, data) || ownPostgres(arguments.getOrDefault(stat.parent(), List.of()), data);
            if (ours) {
                StackProcess.nameOf(args).ifPresent(name -> processes.put(pid, name));
            }
        });
        return new Stack(processes, gateway, "local-stack pid " + root + " (data " + data + ")");
    }

    private static boolean isLauncher(List<String> arguments) {
        return StackProcess.nameOf(arguments).filter(name -> !name.equals(StackProcess.POSTGRES))
                .isPresent() && arguments.stream().anyMatch(a -> a.endsWith(StackProcess.LAUNCHER + ".jar"));
    }

    private static boolean ownPostgres(List<String> arguments, Path data) {
        return StackProcess.postgresDataDirectory(arguments).filter(dir -> dir.startsWith(data)).isPresent();
    }

    private static boolean descendsFrom(long pid, long root, Map<Long, ProcStat> stats) {
        for (ProcStat stat = stats.get(pid); stat != null && stat.parent() > 1; stat = stats.get(stat.parent())) {
            if (stat.parent() == root) {
                return true;
            }
        }
        return false;
    }
}
