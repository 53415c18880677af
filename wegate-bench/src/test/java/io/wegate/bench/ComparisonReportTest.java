package io.wegate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ComparisonReportTest {

    private static String line(int repeat, String contender, double cpu, double perSecond, int ok, int failed) {
        return "RESULT repeat=" + repeat + " contender=" + contender + " ready_ms=4200 cpu_seconds=" + cpu
                + " peak_rss_kb=262144 json={\"logins_per_second\":" + perSecond
                + ",\"latency_ms\":{\"p50\":10.5,\"p99\":40.25},\"logins_succeeded\":" + ok + ",\"logins_failed\":"
                + failed + ",\"failures\":" + (failed > 0 ? "{\"login 502\":" + failed + "}" : "{}")
                + ",\"upstream_calls_per_login\":{\"total\":2.0005},\"upstream_calls\":{\"/cgi-bin/gettoken\":1}}";
    }

    @Test
    void whenLinesAreParsedThenCpuPerThousandLoginsIsCpuSecondsOverSucceededLogins() {
        List<ComparisonReport.Row> rows =
                ComparisonReport.parse(List.of("noise", line(1, "wegate-h2", 12.5, 400.0, 2000, 0)));
        assertThat(rows).hasSize(1);
        ComparisonReport.Row r = rows.getFirst();
        assertThat(r.cpuPerThousand()).isEqualTo(6.25);
        assertThat(r.gettokenCalls()).isEqualTo(1);
        assertThat(r.peakRssKb()).isEqualTo(262144);
        assertThat(r.firstFailure()).isNull();
    }

    @Test
    void whenTwoRepeatsThenEachCellShowsBothAndTheRatiosArePerRepeat() {
        List<ComparisonReport.Row> rows = ComparisonReport.parse(List.of(
                line(1, "wegate-h2", 10, 400, 2000, 0),
                line(1, "naive", 8, 500, 2000, 0),
                line(2, "wegate-h2", 10, 300, 2000, 0),
                line(2, "naive", 10, 600, 1990, 10)));
        String md = ComparisonReport.markdown(rows, "2 cores");
        assertThat(md).contains("| wegate-h2 | 400 / 300 | 25 % |");
        assertThat(md).contains("| wegate-h2 ÷ naive | 0.80× / 0.50× | 1.25× / 0.99× |");
        assertThat(md).contains("- naive, repeat 2: 10 failed, first kind login 502");
        assertThat(md).contains("| 256 / 256 |");
    }

    @Test
    void whenScenariosAreNamedThenEachGetsItsOwnTableInTheOrderRun() {
        List<ComparisonReport.Row> rows = ComparisonReport.parse(List.of(
                line(1, "wegate-h2", 10, 400, 2000, 0).replace("repeat=1 ", "repeat=1 scenario=latency20 "),
                line(1, "wegate-h2", 10, 900, 2000, 0).replace("repeat=1 ", "repeat=1 scenario=c1 ")));
        assertThat(rows).extracting(ComparisonReport.Row::scenario).containsExactly("latency20", "c1");
        String md = ComparisonReport.markdown(rows, "");
        assertThat(md.indexOf("#### latency20")).isLessThan(md.indexOf("#### c1"));
        assertThat(md.substring(md.indexOf("#### c1"))).contains("| wegate-h2 | 900 |");
    }

    @Test
    void whenOneValueThenNoSpreadAndRatiosSkipMissingRepeats() {
        assertThat(ComparisonReport.spread(List.of(5.0))).isEqualTo("—");
        List<ComparisonReport.Row> rows = ComparisonReport.parse(
                List.of(line(1, "wegate-h2", 10, 400, 2000, 0), line(2, "naive", 8, 500, 2000, 0)));
        assertThat(ComparisonReport.ratios(rows, "wegate-h2", "naive", ComparisonReport.Row::loginsPerSecond))
                .isEmpty();
    }
}
