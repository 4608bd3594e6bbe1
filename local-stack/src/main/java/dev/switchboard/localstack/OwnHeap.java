package dev.switchboard.localstack;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The launcher is started with no JVM flags, so on a large machine its heap (the broker's) may grow to a quarter of
 * the memory and keep what it once used: after the start it held about 800 MB of heap for 350 MB of live data. These
 * flags are manageable at run time; with them the collector gives back what it does not use, and a collection runs
 * when none ran for a while, so the heap also shrinks when the stack is idle (about 200 MB less PSS, measured in
 * docs/benchmarks.md).
 */
final class OwnHeap {

    static final Map<String, String> FLAGS = flags();

    private OwnHeap() {
    }

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        // the minimum first: each must stay below the maximum when it is set
        flags.put("MinHeapFreeRatio", "10");
        flags.put("MaxHeapFreeRatio", "30");
        // G1 only (the default collector of a machine with two cores or more); milliseconds
        flags.put("G1PeriodicGCInterval", "15000");
        return flags;
    }

    /** Sets what this JVM accepts; returns why each of the others was refused, for the log. */
    static Map<String, String> giveBackUnusedHeap() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        Map<String, String> refused = new LinkedHashMap<>();
        FLAGS.forEach((flag, value) -> {
            try {
                vm.setVMOption(flag, value);
            } catch (IllegalArgumentException e) {
                refused.put(flag, e.getMessage());
            }
        });
        return refused;
    }
}
