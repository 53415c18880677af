package io.wegate.bench.comparison;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One driver run of {@code run-comparison.sh}: a line {@code RESULT repeat=R scenario=S contender=C key=value ...
 * json=<the driver's RESULT>}. The script's fields (start-up time, exec time, load average, gettoken since exec) come
 * before {@code json=}.
 */
record ComparisonRow(int repeat, String scenario, String contender, Map<String, String> fields, JsonNode json) {

    static final String GETTOKEN = "/cgi-bin/gettoken";

    private static final Pattern LINE = Pattern.compile("^RESULT (.*?) json=(.*)$");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The RESULT lines among {@code lines}, in order; other lines and lines without repeat or contender skipped. */
    static List<ComparisonRow> parse(List<String> lines) {
        List<ComparisonRow> rows = new ArrayList<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : m.group(1).trim().split("\\s+")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            JsonNode json;
            try {
                json = JSON.readTree(m.group(2));
            } catch (JacksonException e) {
                json = JSON.createObjectNode();
            }
            String repeat = fields.get("repeat");
            String contender = fields.get("contender");
            if (repeat == null || contender == null || !repeat.matches("\\d+")) {
                continue;
            }
            rows.add(new ComparisonRow(
                    Integer.parseInt(repeat), fields.getOrDefault("scenario", "steady"), contender, fields, json));
        }
        return rows;
    }

    /** Whether this is one of wegate's runs (wegate-h2, wegate-postgresql, the wegate cluster). */
    boolean wegate() {
        return contender.startsWith("wegate");
    }

    double loginsPerSecond() {
        return number("logins_per_second");
    }

    /** A latency percentile of the login step in ms: {@code p50}, {@code p90}, {@code p99}, {@code p999}, {@code max}. */
    double latency(String percentile) {
        JsonNode value = json.path("latency_ms").path(percentile);
        return value.isNumber() && json.path("latency_ms").path("count").asInt() > 0 ? value.asDouble() : Double.NaN;
    }

    int succeeded() {
        return json.path("logins_succeeded").asInt();
    }

    int failed() {
        return json.path("logins_failed").asInt();
    }

    /** The first failed login's kind (step and status) and answer, or {@code null} without failures. */
    String firstFailure() {
        JsonNode first = json.path("first_failure");
        if (first.isObject()) {
            return first.path("kind").asString("") + ": " + first.path("body").asString("");
        }
        for (Map.Entry<String, JsonNode> e : json.path("failures").properties()) {
            return e.getKey();
        }
        return null;
    }

    /**
     * gettoken calls: since the process's exec for the cold start (the script counts them, so that a token fetched at
     * start-up counts too), otherwise during the measured run.
     */
    long gettoken() {
        String sinceExec = fields.get("gettoken_since_exec");
        if (sinceExec != null && sinceExec.matches("\\d+")) {
            return Long.parseLong(sinceExec);
        }
        return json.path("upstream_calls").path(GETTOKEN).asLong();
    }

    double upstreamCallsPerLogin() {
        return number(json.path("upstream_calls_per_login").path("total"));
    }

    /** CPU seconds of the login phases per 1,000 successful logins (the driver's, from /proc). */
    double cpuPerThousandLogins() {
        if (json.has("cpu_seconds_per_1000_logins")) {
            return number("cpu_seconds_per_1000_logins");
        }
        // lines of the script before the driver measured CPU: whole-run seconds around the driver
        double seconds = field("cpu_seconds");
        return succeeded() == 0 || Double.isNaN(seconds) ? Double.NaN : seconds / succeeded() * 1000;
    }

    /** CPU seconds of wegate's start step (authorize-url) in this run; NaN for flows without one. */
    double startCpuSeconds() {
        return json.hasNonNull("start_step") ? number("cpu_seconds_start") : Double.NaN;
    }

    double peakRssMb() {
        double kb = json.has("peak_rss_kb") ? number("peak_rss_kb") : field("peak_rss_kb");
        return kb / 1024;
    }

    /** exec → the last instance answering its health check, ms. */
    double readyMillis() {
        return field("ready_ms");
    }

    /**
     * Process start → first login: exec → health 200, plus release of the cold burst → its first successful login.
     * The driver's own preparation between the two (its JVM, minting the burst's codes, wegate's start steps) is the
     * driver's time, not the contender's, and is left out.
     */
    double startToFirstLoginMillis() {
        double after = number("first_success_after_window_ms");
        return readyMillis() + after;
    }

    /** exec → the first successful login, wall clock, including the driver's preparation. */
    double execToFirstSuccessMillis() {
        return number("first_success_epoch_ms") - field("exec_epoch_ms");
    }

    double achievedRate() {
        return number("achieved_rate");
    }

    double requestedRate() {
        return number("rate_requested");
    }

    /** The driver's own send lag p99 (open loop, burst), ms. */
    double sendLagP99() {
        JsonNode lag = json.path("send_lag_ms").path("p99");
        return lag.isNumber() ? lag.asDouble() : Double.NaN;
    }

    boolean saturated() {
        return json.path("saturated").asBoolean(false);
    }

    double load1() {
        return field("load1");
    }

    /** A numeric field of the script's part of the line, NaN when absent. */
    double field(String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private double number(String name) {
        return number(json.path(name));
    }

    private static double number(JsonNode value) {
        return value.isNumber() ? value.asDouble() : Double.NaN;
    }
}
