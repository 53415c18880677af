package io.wegate.bench.comparison;

import static io.wegate.bench.comparison.ComparisonFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ComparisonPlotsTest {

    private static final List<String> LINES = List.of(
            line(1, "direct", "direct", 300, 2.0, 5.0, Double.NaN, 300, 0),
            line(1, "steady", "wegate-h2", 400, 10, 40, 5, 2000, 0),
            line(1, "steady", "wxjava", 450, 9, 20, 3, 2000, 0),
            line(1, "steady", "naive", 500, 8, 30, 4, 2000, 0),
            line(2, "steady", "wegate-h2", 300, 12, 50, 6, 2000, 0),
            line(2, "steady", "wxjava", 450, 9.5, 25, 4, 2000, 0),
            line(2, "steady", "naive", 600, 7, 35, 5, 1990, 10),
            line(1, "c1", "wegate-h2", 150, 5.5, 15, 10, 300, 0),
            line(1, "c1", "naive", 180, 4, 12, 5, 300, 0));

    private static ComparisonPlots plots() {
        return new ComparisonPlots(new ComparisonTables(ComparisonRow.parse(LINES)));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> bars(Document svg, String scenario) {
        NodeList rects = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
        List<Element> bars = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element rect = (Element) rects.item(i);
            if (rect.getAttribute("class").equals("bar")
                    && rect.getAttribute("data-scenario").equals(scenario)) {
                bars.add(rect);
            }
        }
        return bars;
    }

    @Test
    void throughputWhenParsedAsXmlThenOneBarPerContenderInEachScenarioAndNoneForTheDirectFloor() throws Exception {
        Document svg = parse(plots().throughput());
        assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(bars(svg, "steady"))
                .extracting(e -> e.getAttribute("data-contender"))
                .containsExactly("wegate-h2", "wxjava", "naive");
        assertThat(bars(svg, "c1"))
                .extracting(e -> e.getAttribute("data-contender"))
                .containsExactly("wegate-h2", "naive");
        assertThat(bars(svg, "direct")).isEmpty();
    }

    @Test
    void throughputWhenTwoRepeatsThenTheBarIsTheirMeanWithAWhisker() throws Exception {
        Document svg = parse(plots().throughput());
        Element wegate = bars(svg, "steady").getFirst();
        assertThat(wegate.getAttribute("data-value")).isEqualTo("350.000");
        assertThat(svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "line")
                        .getLength())
                .isGreaterThan(0);
        assertThat(plots().throughput()).contains("class=\"range\"").contains("10 failed");
    }

    @Test
    void latencyWhenParsedThenAP50AndAP99BarPerContenderAndTheDirectFloorInC1() throws Exception {
        Document svg = parse(plots().latency());
        List<Element> steady = bars(svg, "steady");
        assertThat(steady).hasSize(6);
        assertThat(steady.stream().filter(e -> e.getAttribute("data-metric").equals("p50")))
                .hasSize(3);
        assertThat(steady.stream().filter(e -> e.getAttribute("data-metric").equals("p99")))
                .hasSize(3);
        assertThat(plots().latency()).contains("class=\"floor\"");
    }

    @Test
    void cpuWhenParsedThenOneBarPerContenderWithItsFigure() throws Exception {
        Document svg = parse(plots().cpu());
        assertThat(bars(svg, "c1"))
                .extracting(e -> e.getAttribute("data-value"))
                .containsExactly("10.000", "5.000");
    }

    @Test
    void niceCeilingWhenValuesThenRoundTopsWithRoomForTheLabels() {
        assertThat(ComparisonPlots.niceCeiling(0)).isEqualTo(1);
        assertThat(ComparisonPlots.niceCeiling(95)).isEqualTo(120);
        assertThat(ComparisonPlots.niceCeiling(11719)).isEqualTo(16000);
        assertThat(ComparisonPlots.niceCeiling(4.0)).isEqualTo(5);
    }

    @Test
    void escapeWhenMarkupThenEntities() {
        assertThat(ComparisonPlots.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
