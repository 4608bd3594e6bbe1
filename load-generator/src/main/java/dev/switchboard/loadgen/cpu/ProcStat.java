package dev.switchboard.loadgen.cpu;

/**
 * The fields of {@code /proc/PID/stat} this benchmark needs.
 *
 * @param pid the process
 * @param parent its parent process
 * @param cpuTicks user + system CPU time so far, in clock ticks
 */
record ProcStat(long pid, long parent, long cpuTicks) {

    /** Linux reports CPU times in USER_HZ, which is 100 on every architecture userland sees. */
    static final double TICKS_PER_SECOND = 100.0;

    /**
     * The command name (field 2) is in parentheses and may itself hold spaces and parentheses, so the fields are
     * counted from the last ')'. After it: state (3), ppid (4), ... utime (14), stime (15).
     */
    static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        String[] fields = line.substring(close + 2).strip().split(" +");
        return new ProcStat(Long.parseLong(line.substring(0, open).strip()), Long.parseLong(fields[1]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    double cpuSeconds() {
        return cpuTicks / TICKS_PER_SECOND;
    }
}
