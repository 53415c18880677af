package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CPU ticks and peak RSS from fake {@code /proc} files. */
class ProcessCpuTest {

    /** A real stat line's shape: utime 1234 (field 14) and stime 567 (field 15). */
    private static String stat(long pid, String comm, long utime, long stime) {
        return pid + " (" + comm + ") S 1 4242 4242 0 -1 4194560 51234 0 12 0 " + utime + " " + stime
                + " 0 0 20 0 57 0 4711 4096000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 17664 0 0 0 17 1 0"
                + " 0 0 0 0\n";
    }

    private static String status(long hwmKb) {
        return "Name:\tjava\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 9000000 kB\nVmSize:\t 8000000 kB\n"
                + "VmHWM:\t  " + hwmKb + " kB\nVmRSS:\t  300000 kB\nThreads:\t57\n";
    }

    private static void process(Path proc, long pid, long utime, long stime, long hwmKb) throws IOException {
        Path dir = Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(dir.resolve("stat"), stat(pid, "java", utime, stime));
        Files.writeString(dir.resolve("status"), status(hwmKb));
    }

    @Test
    void ticksWhenStatLineThenUtimePlusStime() {
        assertThat(ProcessCpu.ticks(stat(4242, "java", 1234, 567))).isEqualTo(1801);
    }

    @Test
    void ticksWhenCommandNameHoldsSpacesAndParenthesesThenFieldsCountedFromTheLastParenthesis() {
        assertThat(ProcessCpu.ticks(stat(4242, "a) b (c", 10, 5))).isEqualTo(15);
    }

    @Test
    void ticksWhenNotAStatLineThenRefuses() {
        assertThatThrownBy(() -> ProcessCpu.ticks("no parenthesis here"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/proc/PID/stat");
        assertThatThrownBy(() -> ProcessCpu.ticks("1 (java) S 1 2"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("too few fields");
    }

    @Test
    void vmHwmWhenStatusTextThenItsKilobytesAndZeroWithout() {
        assertThat(ProcessCpu.vmHwmKb(status(391234))).isEqualTo(391234);
        assertThat(ProcessCpu.vmHwmKb("Name:\tkthreadd\nState:\tS (sleeping)\n"))
                .isZero();
    }

    @Test
    void ticksAndPeakRssWhenSeveralProcessesThenTicksSummedAndTheLargestPeak(@TempDir Path proc) throws IOException {
        process(proc, 101, 1000, 200, 300_000);
        process(proc, 102, 500, 100, 350_000);
        process(proc, 103, 10, 1, 120_000);
        ProcessCpu cpu = ProcessCpu.of(proc, List.of(101L, 102L, 103L));
        assertThat(cpu.enabled()).isTrue();
        assertThat(cpu.ticks()).isEqualTo(1811);
        assertThat(cpu.peakRssKb()).isEqualTo(350_000);

        // the phase's figure is the difference of two readings
        long before = cpu.ticks();
        process(proc, 102, 800, 150, 360_000);
        assertThat(cpu.ticks() - before).isEqualTo(350);
    }

    @Test
    void ofWhenAProcessIsMissingThenRefusesNamingIt(@TempDir Path proc) throws IOException {
        process(proc, 101, 1, 1, 1);
        assertThatThrownBy(() -> ProcessCpu.of(proc, List.of(101L, 999L)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--server-pid 999")
                .hasMessageContaining("/proc");
    }

    @Test
    void noneWhenNoPidsThenZeroAndDisabled() {
        assertThat(ProcessCpu.NONE.enabled()).isFalse();
        assertThat(ProcessCpu.NONE.ticks()).isZero();
        assertThat(ProcessCpu.NONE.peakRssKb()).isZero();
    }

    @Test
    void figuresWhenTicksThenSecondsAndPerThousandLoginsOfTheLoginPhasesOnly() {
        // 250 ticks at 100/s over the login phases, 40 over the start phases, 330 in all, 2000 logins
        ProcessCpu.Figures figures = ProcessCpu.Figures.of(250, 40, 330, 2000, 100);
        assertThat(figures.login()).isEqualTo(2.5);
        assertThat(figures.start()).isEqualTo(0.4);
        assertThat(figures.total()).isEqualTo(3.3);
        assertThat(figures.perThousandLogins()).isEqualTo(1.25);
        assertThat(figures.other()).isCloseTo(0.4, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ProcessCpu.Figures.of(250, 0, 250, 0, 100).perThousandLogins())
                .isNaN();
    }
}
