package io.wegate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time and peak memory of the gateway processes under load ({@code --server-pid}), read from Linux's {@code /proc}:
 * user + system time of every thread of the process ({@code utime} and {@code stime} of {@code /proc/PID/stat}, in clock
 * ticks) and the resident-set high-water mark ({@code VmHWM} of {@code /proc/PID/status}). The driver reads the ticks
 * around each timed phase, so that a figure covers exactly the phase's requests.
 *
 * <p>Without pids every reading is 0 and {@link #enabled()} is false.
 */
final class ProcessCpu {

    static final ProcessCpu NONE = new ProcessCpu(Path.of("/proc"), List.of());

    private final Path proc;
    private final List<Long> pids;

    private ProcessCpu(Path proc, List<Long> pids) {
        this.proc = proc;
        this.pids = List.copyOf(pids);
    }

    /**
     * The processes {@code pids} under {@code proc} (normally {@code /proc}).
     *
     * @throws IllegalArgumentException when one of them has no readable stat file (no such process, or not Linux)
     */
    static ProcessCpu of(Path proc, List<Long> pids) {
        ProcessCpu cpu = new ProcessCpu(proc, pids);
        for (long pid : pids) {
            Path stat = cpu.stat(pid);
            if (!Files.isReadable(stat)) {
                throw new IllegalArgumentException("--server-pid " + pid + ": no readable " + stat
                        + " (no such process, or not Linux: CPU figures need /proc)");
            }
            ticks(cpu.read(stat));
        }
        return cpu;
    }

    boolean enabled() {
        return !pids.isEmpty();
    }

    List<Long> pids() {
        return pids;
    }

    /** utime + stime of all the processes, in clock ticks. */
    long ticks() {
        long sum = 0;
        for (long pid : pids) {
            sum += ticks(read(stat(pid)));
        }
        return sum;
    }

    /** The largest {@code VmHWM} of the processes, in kB; 0 without pids. */
    long peakRssKb() {
        long max = 0;
        for (long pid : pids) {
            max = Math.max(max, vmHwmKb(read(proc.resolve(Long.toString(pid)).resolve("status"))));
        }
        return max;
    }

    /**
     * utime + stime (fields 14 and 15) of one {@code /proc/PID/stat} line. The second field, the command name in
     * parentheses, may itself hold spaces and parentheses, so the fields are counted from the last {@code ')'}.
     */
    static long ticks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalStateException("not a /proc/PID/stat line: " + LoginFlowClient.abbreviate(stat));
        }
        String[] fields = stat.substring(close + 1).strip().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        if (fields.length < 13) {
            throw new IllegalStateException("too few fields in /proc/PID/stat: " + LoginFlowClient.abbreviate(stat));
        }
        try {
            return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("no utime/stime in /proc/PID/stat: " + LoginFlowClient.abbreviate(stat), e);
        }
    }

    /** {@code VmHWM} of a {@code /proc/PID/status} text, in kB; 0 when it has none (a kernel thread). */
    static long vmHwmKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).strip().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return 0;
    }

    /** {@code ticks} clock ticks in seconds, at {@code ticksPerSecond} ({@code getconf CLK_TCK}, 100 on Linux). */
    static double seconds(long ticks, int ticksPerSecond) {
        return (double) ticks / ticksPerSecond;
    }

    /**
     * The CPU figures of a run, in seconds.
     *
     * @param login over the login phases (the timed window) only
     * @param start over the start phases only (the API flow's authorize-url)
     * @param total over the whole measured run, including the minting between the phases
     * @param perThousandLogins {@code login} per 1,000 successful logins; NaN without one
     */
    record Figures(double login, double start, double total, double perThousandLogins) {

        static Figures of(long loginTicks, long startTicks, long totalTicks, int succeeded, int ticksPerSecond) {
            double login = seconds(loginTicks, ticksPerSecond);
            return new Figures(
                    login,
                    seconds(startTicks, ticksPerSecond),
                    seconds(totalTicks, ticksPerSecond),
                    succeeded == 0 ? Double.NaN : login / succeeded * 1000);
        }

        /** What the process(es) spent outside the start and login phases (GC and JIT catching up, the minting). */
        double other() {
            return Math.max(0, total - login - start);
        }
    }

    private Path stat(long pid) {
        return proc.resolve(Long.toString(pid)).resolve("stat");
    }

    private String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + " (has the gateway process exited?): " + e, e);
        }
    }
}
