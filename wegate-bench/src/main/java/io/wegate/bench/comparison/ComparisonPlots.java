package io.wegate.bench.comparison;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The comparison's plots as SVG: one panel per scenario (each with its own scale, since a cold burst's latency is a
 * thousand times c1's), in each one bar per contender (the mean of the repeats, a whisker from the lowest to the
 * highest repeat, the value on top). Written by hand: no small charting library with SVG output is on hand, and grouped
 * bars are a few rectangles.
 */
final class ComparisonPlots {

    /** One colour per contender, in the order they first ran; the same in every plot. */
    private static final String[] PALETTE = {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"
    };

    private static final int PANEL_WIDTH = 290;
    private static final int PANEL_HEIGHT = 210;
    private static final int PANELS_PER_ROW = 3;
    private static final int LEGEND_HEIGHT = 56;
    private static final int LEFT = 50;
    private static final int RIGHT = 12;
    private static final int TOP = 30;
    private static final int BOTTOM = 16;

    private final ComparisonTables tables;
    private final List<String> contenders;

    ComparisonPlots(ComparisonTables tables) {
        this.tables = tables;
        Set<String> all = new LinkedHashSet<>();
        for (String s : scenarios(tables)) {
            all.addAll(tables.contenders(s));
        }
        all.remove(ComparisonTables.DIRECT);
        this.contenders = List.copyOf(all);
    }

    /** The scenarios that are plotted: every one but the direct floor. */
    static List<String> scenarios(ComparisonTables tables) {
        return tables.scenarios().stream()
                .filter(s -> !s.equals(ComparisonTables.DIRECT))
                .toList();
    }

    String throughput() {
        return chart(
                "Logins per second (login step; mean of the repeats, whisker: lowest to highest)",
                List.of(ComparisonMetric.LOGINS_PER_SECOND));
    }

    String latency() {
        return chart(
                "Login latency p50 (solid) and p99 (light), ms; the dashed line in c1: the direct calls' p50",
                List.of(ComparisonMetric.P50, ComparisonMetric.P99));
    }

    String cpu() {
        return chart("CPU seconds per 1,000 logins (login phases only, /proc)", List.of(ComparisonMetric.CPU));
    }

    /** One bar per contender and metric in each scenario's panel. */
    private String chart(String title, List<ComparisonMetric> metrics) {
        List<String> scenarios = scenarios(tables);
        int rowsOfPanels = Math.max(1, (scenarios.size() + PANELS_PER_ROW - 1) / PANELS_PER_ROW);
        int width = PANEL_WIDTH * PANELS_PER_ROW;
        int height = LEGEND_HEIGHT + rowsOfPanels * PANEL_HEIGHT;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.append("<title>").append(escape(title)).append("</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, 8, 18, "start", 13, "bold", title);
        legend(svg);
        for (int i = 0; i < scenarios.size(); i++) {
            int x = (i % PANELS_PER_ROW) * PANEL_WIDTH;
            int y = LEGEND_HEIGHT + (i / PANELS_PER_ROW) * PANEL_HEIGHT;
            panel(svg, scenarios.get(i), metrics, x, y);
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void legend(StringBuilder svg) {
        int x = 8;
        int y = 34;
        for (int i = 0; i < contenders.size(); i++) {
            String c = contenders.get(i);
            int w = 22 + c.length() * 7;
            if (x + w > PANEL_WIDTH * PANELS_PER_ROW - 8) {
                x = 8;
                y += 16;
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect class=\"legend\" x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    x,
                    y - 10,
                    colour(c)));
            text(svg, x + 16, y, "start", 11, "normal", c);
            x += w;
        }
    }

    private void panel(StringBuilder svg, String scenario, List<ComparisonMetric> metrics, int x0, int y0) {
        List<String> here = contenders.stream()
                .filter(c -> tables.contenders(scenario).contains(c))
                .toList();
        int plotLeft = x0 + LEFT;
        int plotRight = x0 + PANEL_WIDTH - RIGHT;
        int plotTop = y0 + TOP;
        int plotBottom = y0 + PANEL_HEIGHT - BOTTOM;
        double floor = scenario.equals("c1") && metrics.contains(ComparisonMetric.P50) ? directP50() : Double.NaN;
        double max = Double.isNaN(floor) ? 0 : floor;
        for (String c : here) {
            for (ComparisonMetric m : metrics) {
                max = Math.max(max, highest(tables.values(scenario, c, m)));
            }
        }
        double top = niceCeiling(max);
        text(svg, x0 + PANEL_WIDTH / 2, y0 + 16, "middle", 12, "bold", scenario);
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
                plotLeft,
                plotBottom,
                plotRight,
                plotBottom));
        for (int g = 0; g <= 4; g++) {
            double v = top * g / 4;
            double y = plotBottom - (plotBottom - plotTop) * g / 4.0;
            if (g > 0) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                        plotLeft,
                        y,
                        plotRight,
                        y));
            }
            text(svg, plotLeft - 4, (int) Math.round(y + 4), "end", 10, "normal", axisLabel(v));
        }
        int bars = Math.max(1, here.size() * metrics.size());
        double slot = (plotRight - plotLeft) / (double) bars;
        double barWidth = Math.max(2, slot * 0.75);
        int i = 0;
        for (String c : here) {
            for (ComparisonMetric m : metrics) {
                List<Double> values = tables.values(scenario, c, m);
                double mean = mean(values);
                double x = plotLeft + i * slot + (slot - barWidth) / 2;
                double h = top <= 0 || Double.isNaN(mean) ? 0 : (plotBottom - plotTop) * mean / top;
                boolean light = metrics.size() > 1 && m != metrics.getFirst();
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect class=\"bar\" data-scenario=\"%s\" data-contender=\"%s\" data-metric=\"%s\""
                                + " data-value=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s>"
                                + "<title>%s, %s: %s %s</title></rect>\n",
                        escape(scenario),
                        escape(c),
                        m.name().toLowerCase(Locale.ROOT),
                        Double.isNaN(mean) ? "NaN" : String.format(Locale.ROOT, "%.3f", mean),
                        x,
                        plotBottom - h,
                        barWidth,
                        h,
                        colour(c),
                        light ? " fill-opacity=\"0.45\"" : "",
                        escape(c),
                        escape(scenario),
                        escape(ComparisonTables.cell(values, m)),
                        escape(m.title())));
                double low = lowest(values);
                double high = highest(values);
                if (!Double.isNaN(low) && high > low && top > 0) {
                    double cx = x + barWidth / 2;
                    svg.append(String.format(
                            Locale.ROOT,
                            "<line class=\"range\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#222\"/>\n",
                            cx,
                            plotBottom - (plotBottom - plotTop) * low / top,
                            cx,
                            plotBottom - (plotBottom - plotTop) * high / top));
                }
                if (!Double.isNaN(mean)) {
                    text(
                            svg,
                            (int) Math.round(x + barWidth / 2),
                            (int) Math.round(plotBottom - h - 3),
                            "middle",
                            9,
                            "normal",
                            axisLabel(mean));
                }
                // a fast bar of a contender that lost logins is no win: say so under it (once per contender)
                double failed = highest(tables.values(scenario, c, ComparisonMetric.FAILED));
                if (failed > 0 && m == metrics.getFirst()) {
                    svg.append(String.format(
                            Locale.ROOT,
                            "<text class=\"failed\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"9\""
                                    + " fill=\"#c00000\">%.0f failed</text>\n",
                            x + barWidth / 2,
                            plotBottom + 11,
                            failed));
                }
                i++;
            }
        }
        if (!Double.isNaN(floor) && top > 0) {
            double y = plotBottom - (plotBottom - plotTop) * floor / top;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line class=\"floor\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#000\""
                            + " stroke-dasharray=\"4 3\"/>\n",
                    plotLeft,
                    y,
                    plotRight,
                    y));
        }
    }

    private double directP50() {
        return mean(tables.values(ComparisonTables.DIRECT, ComparisonTables.DIRECT, ComparisonMetric.P50));
    }

    private String colour(String contender) {
        int i = contenders.indexOf(contender);
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * The axis top for a largest value {@code v}: the smallest of 1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8 × 10^k (each a
     * multiple of 4 gridlines' worth of round numbers) at or above {@code v} plus 8 % room for the value labels; 1 for 0
     * or less.
     */
    static double niceCeiling(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double v = max * 1.08;
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10}) {
            if (step * magnitude >= v * (1 - 1e-12)) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    static double mean(List<Double> values) {
        return values.stream()
                .filter(v -> !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .average()
                .orElse(Double.NaN);
    }

    private static double highest(List<Double> values) {
        return values.stream()
                .filter(v -> !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Double.NaN);
    }

    private static double lowest(List<Double> values) {
        return values.stream()
                .filter(v -> !Double.isNaN(v))
                .mapToDouble(Double::doubleValue)
                .min()
                .orElse(Double.NaN);
    }

    private static String axisLabel(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v).replaceAll("\\.0$", "");
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0$", "").replaceAll("\\.0?$", "");
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, int size, String weight, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n",
                x,
                y,
                anchor,
                size,
                weight,
                escape(text)));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** The file names of the plots, in the order {@link #all} gives them. */
    static List<String> names() {
        return List.of("comparison-throughput.svg", "comparison-latency.svg", "comparison-cpu.svg");
    }

    List<String> all() {
        List<String> all = new ArrayList<>();
        all.add(throughput());
        all.add(latency());
        all.add(cpu());
        return all;
    }
}
