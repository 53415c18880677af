package io.wegate.bench.comparison;

import static io.wegate.bench.comparison.ComparisonFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

    private static final ComparisonEnvironment ENVIRONMENT = new ComparisonEnvironment(
            2,
            "AMD EPYC",
            "24 GB",
            "Eclipse Adoptium 25.0.3+9-LTS",
            "0.1.0-SNAPSHOT",
            "4.1.1",
            "4.7.3.B",
            "abc1234",
            "REPEATS=2 wegate-bench/run-comparison.sh");

    private static List<ComparisonRow> twoRepeats() {
        return ComparisonRow.parse(List.of(
                "noise before",
                line(1, "direct", "direct", 300, 2.0, 5.0, Double.NaN, 300, 0),
                line(1, "steady", "wegate-h2", 400, 10.0, 40.0, 5.0, 2000, 0),
                line(1, "steady", "naive", 500, 8.0, 30.0, 4.0, 2000, 0),
                line(1, "steady", "wxjava", 450, 9.0, 20.0, 3.0, 2000, 0),
                line(2, "direct", "direct", 300, 3.0, 5.0, Double.NaN, 300, 0),
                line(2, "steady", "wegate-h2", 300, 12.0, 50.0, 6.0, 2000, 0),
                line(2, "steady", "naive", 600, 7.0, 35.0, 5.0, 1990, 10),
                line(2, "steady", "wxjava", 450, 9.5, 25.0, 4.0, 2000, 0)));
    }

    @Test
    void parseWhenResultLinesThenScriptFieldsAndDriverFigures() {
        List<ComparisonRow> rows = twoRepeats();
        assertThat(rows).hasSize(8);
        ComparisonRow r = rows.get(1);
        assertThat(r.repeat()).isEqualTo(1);
        assertThat(r.scenario()).isEqualTo("steady");
        assertThat(r.contender()).isEqualTo("wegate-h2");
        assertThat(r.wegate()).isTrue();
        assertThat(r.loginsPerSecond()).isEqualTo(400);
        assertThat(r.latency("p99")).isEqualTo(40);
        assertThat(r.cpuPerThousandLogins()).isEqualTo(5.0);
        assertThat(r.startCpuSeconds()).isEqualTo(0.5);
        assertThat(r.peakRssMb()).isEqualTo(256);
        assertThat(r.readyMillis()).isEqualTo(4200);
        assertThat(r.startToFirstLoginMillis()).isEqualTo(5000);
        assertThat(r.execToFirstSuccessMillis()).isEqualTo(9000);
        assertThat(r.gettoken()).isEqualTo(1);
        assertThat(rows.get(2).startCpuSeconds()).isNaN();
    }

    @Test
    void parseWhenTheScriptCountedGettokenSinceExecThenThatCount() {
        ComparisonRow cold = ComparisonRow.parse(List.of(line(1, "cold", "naive", 50, 4000, 5000, 15, 1000, 0)
                        .replace("instances=1", "instances=1 gettoken_since_exec=57")))
                .getFirst();
        assertThat(cold.gettoken()).isEqualTo(57);
    }

    @Test
    void parseWhenAnOldLineWithoutDriverCpuThenCpuFromTheScriptsSeconds() {
        ComparisonRow old = ComparisonRow.parse(List.of("RESULT repeat=1 contender=naive ready_ms=4200 cpu_seconds=8"
                        + " peak_rss_kb=262144 json={\"logins_per_second\":500,\"logins_succeeded\":2000,"
                        + "\"logins_failed\":0}"))
                .getFirst();
        assertThat(old.scenario()).isEqualTo("steady");
        assertThat(old.cpuPerThousandLogins()).isEqualTo(4.0);
        assertThat(old.peakRssMb()).isEqualTo(256);
    }

    @Test
    void cellWhenTwoRepeatsThenBothAndTheSpread() {
        ComparisonTables tables = new ComparisonTables(twoRepeats());
        String md = tables.scenario("steady");
        assertThat(md).contains("| wegate-h2 | 400 / 300 (25 %) | 10.0 / 12.0 (17 %) |");
        // counts have no spread
        assertThat(md).contains("| 0 / 10 |");
        assertThat(md).contains("| 256 / 256 (0 %) |");
    }

    @Test
    void bestWhenSteadyThenHighestRateAndLowestLatencyAndCpuAmongTheOthers() {
        ComparisonTables tables = new ComparisonTables(twoRepeats());
        assertThat(tables.best("steady", 1, ComparisonMetric.LOGINS_PER_SECOND))
                .hasValueSatisfying(r -> assertThat(r.contender()).isEqualTo("naive"));
        assertThat(tables.best("steady", 1, ComparisonMetric.P99))
                .hasValueSatisfying(r -> assertThat(r.contender()).isEqualTo("wxjava"));
        assertThat(tables.best("steady", 1, ComparisonMetric.CPU))
                .hasValueSatisfying(r -> assertThat(r.contender()).isEqualTo("wxjava"));
        // not a fault scenario: naive's 10 failures do not disqualify it
        assertThat(tables.best("steady", 2, ComparisonMetric.LOGINS_PER_SECOND))
                .hasValueSatisfying(r -> assertThat(r.contender()).isEqualTo("naive"));
    }

    @Test
    void ratioCellWhenTwoRepeatsThenWegateOverTheBestOfEachRepeatNamed() {
        ComparisonTables tables = new ComparisonTables(twoRepeats());
        assertThat(tables.ratioCell("steady", "wegate-h2", ComparisonMetric.LOGINS_PER_SECOND))
                .isEqualTo("0.80× (naive) / 0.50× (naive)");
        assertThat(tables.ratioCell("steady", "wegate-h2", ComparisonMetric.P99))
                .isEqualTo("2.00× (wxjava) / 2.00× (wxjava)");
        assertThat(tables.ratioCell("steady", "wegate-h2", ComparisonMetric.CPU))
                .isEqualTo("1.67× (wxjava) / 1.50× (wxjava)");
    }

    @Test
    void bestWhenFaultScenarioThenOnlyContendersThatLostNoLogin() {
        List<ComparisonRow> rows = ComparisonRow.parse(List.of(
                line(1, "invalidation", "wegate-h2", 200, 100, 400, 5, 1000, 0),
                line(1, "invalidation", "naive", 900, 50, 90, 2, 100, 900),
                line(1, "invalidation", "wxjava", 300, 80, 300, 3, 1000, 0),
                line(1, "burst-1", "wegate-h2", 200, 100, 400, 5, 1000, 0),
                line(1, "burst-1", "naive", 900, 50, 90, 2, 950, 50)));
        ComparisonTables tables = new ComparisonTables(rows);
        assertThat(tables.best("invalidation", 1, ComparisonMetric.LOGINS_PER_SECOND))
                .hasValueSatisfying(r -> assertThat(r.contender()).isEqualTo("wxjava"));
        assertThat(tables.ratioCell("invalidation", "wegate-h2", ComparisonMetric.P99))
                .isEqualTo("1.33× (wxjava)");
        assertThat(tables.best("burst-1", 1, ComparisonMetric.P99)).isEmpty();
        assertThat(tables.ratioCell("burst-1", "wegate-h2", ComparisonMetric.P99))
                .isEqualTo("— (none without errors)");
        assertThat(ComparisonTables.faultScenario("cluster-steady")).isTrue();
        assertThat(ComparisonTables.faultScenario("latency20")).isFalse();
    }

    @Test
    void scenarioWhenFailuresThenCountedWithTheFirstErrorBody() {
        String md = new ComparisonTables(twoRepeats()).scenario("steady");
        assertThat(md).contains("- naive, repeat 2: 10 of 2000 failed; first: `login 502: {\"errcode\":40014}`");
        assertThat(md).contains("| wegate-h2 | 0.80× (naive) / 0.50× (naive) |");
    }

    @Test
    void overheadWhenC1ThenP50MinusTheDirectP50OfTheSameRepeat() {
        List<ComparisonRow> rows = ComparisonRow.parse(List.of(
                line(1, "direct", "direct", 300, 2.0, 5.0, Double.NaN, 300, 0),
                line(1, "c1", "wegate-h2", 150, 5.5, 15, 10, 300, 0),
                line(1, "c1", "naive", 180, 4.0, 12, 5, 300, 0),
                line(2, "direct", "direct", 300, 3.0, 5.0, Double.NaN, 300, 0),
                line(2, "c1", "wegate-h2", 150, 6.0, 15, 10, 300, 0),
                line(2, "c1", "naive", 180, 4.5, 12, 5, 300, 0)));
        ComparisonTables tables = new ComparisonTables(rows);
        assertThat(tables.overhead("wegate-h2", 1)).isEqualTo(3.5);
        assertThat(tables.overhead("naive", 2)).isEqualTo(1.5);
        assertThat(tables.overheadCell("wegate-h2")).isEqualTo("+1.50 ms (naive) / +1.50 ms (naive)");
        assertThat(tables.scenario("c1"))
                .contains("overhead ms (p50 − direct p50)")
                .contains("| 3.5 / 3.0 (14 %) |");
    }

    @Test
    void markdownWhenRunThenMachineVersionsPlotsAndEveryScenarioInOrder() {
        List<ComparisonRow> rows = ComparisonRow.parse(List.of(
                line(1, "cold", "wegate-h2", 100, 1000, 3000, 9, 1000, 0),
                line(1, "cold", "naive", 200, 900, 2000, 8, 1000, 0),
                line(1, "steady", "wegate-h2", 400, 10, 40, 5, 2000, 0),
                line(1, "steady", "naive", 500, 8, 30, 4, 2000, 0)));
        String md = ComparisonReport.markdown(rows, ENVIRONMENT, Instant.EPOCH, "img/");
        assertThat(md)
                .contains("2 cores (`nproc`), AMD EPYC, 24 GB RAM")
                .contains("**JDK:** Eclipse Adoptium 25.0.3+9-LTS")
                .contains("wegate 0.1.0-SNAPSHOT, Spring Boot 4.1.1, WxJava (`weixin-java-cp`) 4.7.3.B")
                .contains("Load average** (1 minute, at the start of each driver run): 2.00 to 2.00")
                .contains("Run on 2026-12-01 ")
                .contains("at commit `abc1234`")
                .contains("![Logins per second per contender and scenario](img/comparison-throughput.svg)")
                .contains("start → first login ms");
        assertThat(md.indexOf("#### cold")).isLessThan(md.indexOf("#### steady"));
        assertThat(md).contains("1000 logins released at once");
    }

    @Test
    void optionsWhenMissingOrUnknownThenRefuses() {
        assertThat(ComparisonReport.options("--results", "r.txt", "--out", "target"))
                .containsEntry("--results", "r.txt");
        assertThatThrownBy(() -> ComparisonReport.options("--results", "r.txt"))
                .hasMessageContaining("--out is required");
        assertThatThrownBy(() -> ComparisonReport.options("--results", "r.txt", "--out", "t", "--colour", "red"))
                .hasMessageContaining("Unknown option --colour");
        assertThatThrownBy(() -> ComparisonReport.options("--results", "r.txt", "--out"))
                .hasMessageContaining("--out needs a value");
        assertThatThrownBy(() -> ComparisonReport.options("--results", "r", "--out", "t", "--cores", "two"))
                .hasMessageContaining("--cores");
    }
}
