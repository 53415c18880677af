package io.wegate.bench.comparison;

import java.util.Locale;

/** RESULT lines as run-comparison.sh writes them, with the figures a test needs. */
final class ComparisonFixtures {

    private ComparisonFixtures() {}

    static String line(
            int repeat,
            String scenario,
            String contender,
            double perSecond,
            double p50,
            double p99,
            double cpuPerThousand,
            int ok,
            int failed) {
        return String.format(
                Locale.ROOT,
                "RESULT repeat=%d scenario=%s contender=%s ready_ms=4200 exec_epoch_ms=1796140000000 instances=1"
                        + " load1=%.2f json={\"flow\":\"%s\",\"start_step\":%s,\"mode\":\"closed\",\"concurrency\":20,"
                        + "\"logins_requested\":%d,\"logins_per_second\":%s,"
                        + "\"latency_ms\":{\"count\":%d,\"p50\":%s,\"p90\":%s,\"p99\":%s,\"p999\":%s,\"max\":%s},"
                        + "\"logins_succeeded\":%d,\"logins_failed\":%d,\"failures\":%s,%s"
                        + "\"upstream_calls_per_login\":{\"total\":2.0},\"upstream_calls\":{\"/cgi-bin/gettoken\":%d},"
                        + "\"cpu_seconds_login\":%s,\"cpu_seconds_per_1000_logins\":%s,\"cpu_seconds_start\":0.5,"
                        + "\"peak_rss_kb\":262144,\"first_success_epoch_ms\":1796140009000,"
                        + "\"first_success_after_window_ms\":800}",
                repeat,
                scenario,
                contender,
                1.0 + repeat,
                contender.startsWith("wegate") ? "wecom-api" : "contender",
                contender.startsWith("wegate") ? "\"GET /api/v1/login/wecom/authorize-url\"" : "null",
                ok + failed,
                perSecond,
                ok,
                p50,
                p50 * 1.5,
                p99,
                p99 * 1.2,
                p99 * 1.5,
                ok,
                failed,
                failed > 0 ? "{\"login 502\":" + failed + "}" : "{}",
                failed > 0 ? "\"first_failure\":{\"kind\":\"login 502\",\"body\":\"{\\\"errcode\\\":40014}\"}," : "",
                failed > 0 ? 0 : 1,
                number(cpuPerThousand * ok / 1000),
                number(cpuPerThousand));
    }

    /** A JSON number, or null for NaN (the driver writes no NaN). */
    private static String number(double v) {
        return Double.isNaN(v) ? "null" : Double.toString(v);
    }
}
