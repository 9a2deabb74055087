package dev.poolse.bench.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void ratioIsFigureOverBaseline() {
        ResultTable table = new ResultTable();
        table.addCompared("rest", "p50", Figure.of(1.1, "ms"), "raw", Figure.of(1.0, "ms"),
                Target.ratioAtMost(1.10), "");
        assertThat(table.rows().get(0).ratio()).isCloseTo(1.1, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void targetVerdictFollowsItsDirection() {
        assertThat(Target.ratioAtMost(1.10).verdict(5, 1.2)).isEqualTo("MISSED");
        assertThat(Target.ratioAtLeast(0.90).verdict(5, 0.95)).isEqualTo("met");
        assertThat(Target.valueAtMost(5, "KB").verdict(4.9, Double.NaN)).isEqualTo("met");
        assertThat(Target.ratioAtMost(1.10).verdict(5, Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void textTablePrintsFigureBaselineRatioAndVerdict() {
        ResultTable table = new ResultTable();
        table.addCompared("realtime", "events", Figure.of(900, "events/s"), "raw Netty", Figure.of(1000, "events/s"),
                Target.ratioAtLeast(0.90), "note here");
        String text = print(table, false);
        assertThat(text).contains("900 events/s", "1,000 events/s", "0.90x", ">= 0.90x (met)", "note here");
    }

    @Test
    void failureRowSaysWhatWasNotMeasured() {
        ResultTable table = new ResultTable();
        table.addFailure("scale", "join", "server refused");
        assertThat(print(table, true)).contains("| scale | join |", "NOT MEASURED: server refused");
    }

    @Test
    void targetsArePrintedLastAndCpuColumnsCarryTheirRatio() {
        ResultTable table = new ResultTable();
        table.addTarget("cpu per event", Figure.of(12, "µs"), "raw", Figure.of(10, "µs"), Target.ratioAtMost(1.3), "");
        table.addWithCpu("blast", "events", Figure.of(5, "events/s"), "raw", Figure.of(10, "events/s"), null, "",
                Figure.of(12, "µs"), Figure.of(10, "µs"));
        assertThat(table.rows()).extracting(ResultTable.Row::section).containsExactly("blast", ResultTable.TARGETS);
        assertThat(table.rows().get(0).cpuRatio()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(print(table, true)).contains("| 12 | 10 | 1.20x |", "<= 1.30x (met)");
    }

    private static String print(ResultTable table, boolean markdown) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (markdown) {
            table.printMarkdown(out);
        } else {
            table.printText(out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
