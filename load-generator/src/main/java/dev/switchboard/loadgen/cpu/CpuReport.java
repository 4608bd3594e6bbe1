package dev.switchboard.loadgen.cpu;

import java.util.Map;

/**
 * CPU spent by each process of the stack, and by the load generator, over the measured window.
 *
 * @param windowSeconds the measured window
 * @param cores processors of the machine
 * @param messages messages meant for the window, for the per-message cost
 * @param byProcess name → CPU (processes of one name summed, e.g. PostgreSQL's)
 * @param generator this process
 * @param generatorShareOfMachine the generator's CPU as a share of all cores over the window
 * @param stackShareOfMachine the stack's CPU as a share of all cores over the window
 * @param scope which processes were counted
 * @param loadAverageStart the 1-minute load average when the window started
 * @param loadAverageEnd the same when it ended
 */
public record CpuReport(double windowSeconds, int cores, long messages, Map<String, ProcessCpu> byProcess,
        ProcessCpu generator, double generatorShareOfMachine, double stackShareOfMachine, String scope,
        double loadAverageStart, double loadAverageEnd) {

    /**
     * @param processes how many processes of that name were counted
     * @param cpuSeconds user + system CPU over the window
     * @param msPerMessage CPU milliseconds per message
     */
    public record ProcessCpu(int processes, double cpuSeconds, double msPerMessage) {
    }
}
