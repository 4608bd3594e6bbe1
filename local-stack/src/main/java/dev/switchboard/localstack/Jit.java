package dev.switchboard.localstack;

import java.util.List;

/**
 * Which JIT compilers the service JVMs use. Seven JVMs starting at once on two cores spend more than half of their
 * start-up CPU in the JIT, most of it in C2 compiling code that only start-up runs (docs/benchmarks.md, issue 16); C1
 * alone starts them in about half the time and memory, but the services on the message path lose throughput without
 * C2.
 */
enum Jit {

    /** C1 only for the services off the message path (they consume the events after the reply), C1 and C2 for the rest. */
    AUTO,
    /** C1 only everywhere: the fastest start and the least memory, the lowest throughput. */
    QUICK,
    /** C1 then C2 everywhere, the JVM's default: for throughput benchmarks. */
    FULL;

    static Jit parse(String value) {
        return switch (value) {
            case "auto" -> AUTO;
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new Options.UsageException("--jit must be auto, quick or full, got '" + value + "'");
        };
    }

    /** The JVM options that choose the compilers for {@code service}. */
    List<String> options(Service service) {
        boolean c1Only = this == QUICK || this == AUTO && !service.onMessagePath();
        return c1Only ? List.of("-XX:TieredStopAtLevel=1") : List.of();
    }
}
