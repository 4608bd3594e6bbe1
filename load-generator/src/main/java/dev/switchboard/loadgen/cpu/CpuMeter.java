package dev.switchboard.loadgen.cpu;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * CPU of the stack's processes and of this process between {@link #start} and {@link #stop}, from utime + stime
 * in /proc/PID/stat. A process that starts in between counts in full; one that ends in between is lost.
 */
public final class CpuMeter {

    private static final String GENERATOR = "load-generator";

    private final Proc proc;
    private final long self = ProcessHandle.current().pid();
    private final OptionalLong gateway;
    private Map<Long, ProcStat> before;
    private Map<Long, ProcStat> after;
    private Stack stack;
    private long startNanos;
    private double seconds;
    private double loadAverageStart;
    private double loadAverageEnd;

    /** Finds the gateway's process: that reads every process's file descriptors, so it is done once, up front. */
    public CpuMeter(Proc proc, int gatewayPort) {
        this.proc = proc;
        this.gateway = proc.listeningOn(gatewayPort);
    }

    public void start() {
        Stack stack = Stack.locate(proc, gateway);
        loadAverageStart = proc.loadAverage();
        startNanos = System.nanoTime();
        before = ticks(stack);
    }

    public void stop() {
        // this process first, so that looking for the stack's new processes is not charged to the window
        Optional<ProcStat> selfAfter = proc.stat(self);
        seconds = (System.nanoTime() - startNanos) / 1e9;
        loadAverageEnd = proc.loadAverage();
        stack = Stack.locate(proc, gateway);
        after = ticks(stack);
        selfAfter.ifPresent(stat -> after.put(self, stat));
    }

    /** The window between {@link #start} and {@link #stop}, with its cost per message. */
    public CpuReport report(long messages) {
        Map<String, Double> cpu = new TreeMap<>();
        Map<String, Integer> count = new HashMap<>();
        after.forEach((pid, stat) -> {
            String name = pid == self ? GENERATOR : stack.processes().get(pid);
            if (name == null) {
                return;
            }
            ProcStat then = before.get(pid);
            long ticks = then == null ? stat.cpuTicks() : stat.cpuTicks() - then.cpuTicks();
            cpu.merge(name, ticks / ProcStat.TICKS_PER_SECOND, Double::sum);
            count.merge(name, 1, Integer::sum);
        });
        Map<String, CpuReport.ProcessCpu> byProcess = new TreeMap<>();
        cpu.forEach((name, secs) -> byProcess.put(name, new CpuReport.ProcessCpu(count.get(name), secs,
                messages == 0 ? 0 : secs * 1000 / messages)));
        CpuReport.ProcessCpu generator = byProcess.remove(GENERATOR);
        int cores = Runtime.getRuntime().availableProcessors();
        double stackSeconds = byProcess.values().stream().mapToDouble(CpuReport.ProcessCpu::cpuSeconds).sum();
        return new CpuReport(seconds, cores, messages, byProcess, generator,
                generator.cpuSeconds() / (seconds * cores), stackSeconds / (seconds * cores), stack.scope(),
                loadAverageStart, loadAverageEnd);
    }

    private Map<Long, ProcStat> ticks(Stack stack) {
        Map<Long, ProcStat> ticks = new HashMap<>();
        for (long pid : stack.processes().keySet()) {
            proc.stat(pid).ifPresent(stat -> ticks.put(pid, stat));
        }
        proc.stat(self).ifPresent(stat -> ticks.put(self, stat));
        return ticks;
    }
}
