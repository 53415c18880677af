package io.wegate.bench.comparison;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DocSpliceTest {

    private static final String DOC = "# Benchmarks\n\n## 4. Side by side\n\nintro\n\n" + DocSplice.BEGIN
            + "\n_run wegate-bench/run-comparison.sh with WRITE_DOCS=1_\n" + DocSplice.END + "\n\n### Later\n";

    @Test
    void replaceWhenMarkersThenOnlyTheirContentChangesAndTheMarkersStay() {
        String out = DocSplice.replace(DOC, "\n| table |\n\n");
        assertThat(out)
                .isEqualTo("# Benchmarks\n\n## 4. Side by side\n\nintro\n\n" + DocSplice.BEGIN + "\n| table |\n"
                        + DocSplice.END + "\n\n### Later\n");
        assertThat(DocSplice.replace(out, "| again |")).contains("| again |").doesNotContain("| table |");
    }

    @Test
    void replaceWhenAMarkerIsMissingTwiceOrReversedThenRefuses() {
        assertThatThrownBy(() -> DocSplice.replace("# no markers", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DocSplice.BEGIN);
        assertThatThrownBy(() -> DocSplice.replace(DOC + DocSplice.END, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> DocSplice.replace(DocSplice.END + "\n" + DocSplice.BEGIN, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("comes before");
    }
}
