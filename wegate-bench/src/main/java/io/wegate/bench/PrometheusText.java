package io.wegate.bench;

import java.util.Map;

/**
 * Reads samples out of the <a href="https://prometheus.io/docs/instrumenting/exposition_formats/">Prometheus text
 * exposition format</a> of {@code /actuator/prometheus}, enough for the bench: no escapes inside label values.
 */
final class PrometheusText {

    private PrometheusText() {}

    /**
     * The sum of the samples named {@code name} whose labels include every pair of {@code labels} (0 when none):
     * {@code sum(text, "wegate_callback_events_total", Map.of())} counts the events of every type and outcome.
     */
    static double sum(String text, String name, Map<String, String> labels) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(name)) {
                continue;
            }
            String rest = line.substring(name.length());
            String labelPart = "";
            if (rest.startsWith("{")) {
                int end = rest.indexOf('}');
                if (end < 0) {
                    continue;
                }
                labelPart = rest.substring(1, end);
                rest = rest.substring(end + 1);
            } else if (!rest.startsWith(" ")) {
                // another metric whose name starts with this one
                continue;
            }
            String all = "," + labelPart + ",";
            if (!labels.entrySet().stream()
                    .allMatch(e -> all.contains("," + e.getKey() + "=\"" + e.getValue() + "\","))) {
                continue;
            }
            String[] fields = rest.trim().split("\\s+");
            try {
                double v = Double.parseDouble(fields[0]);
                if (!Double.isNaN(v)) {
                    total += v;
                }
            } catch (NumberFormatException e) {
                // not a figure
            }
        }
        return total;
    }
}
