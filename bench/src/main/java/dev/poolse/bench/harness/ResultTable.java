package dev.poolse.bench.harness;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The rows a benchmark run produces, printed as one table: each figure beside its baseline, with their ratio and the
 * target it is compared with.
 *
 * <p>Thread-safe: scenarios may add rows from any thread; printing takes a snapshot.
 */
public final class ResultTable {

    /**
     * One line of the table.
     *
     * @param section the benchmark family, for example {@code REST}
     * @param metric what was measured
     * @param figure the measured figure
     * @param baselineLabel what the baseline is, for example {@code raw HttpClient}; empty when there is none
     * @param baseline the baseline figure, or {@code null}
     * @param target the goal, or {@code null}
     * @param note free text: run parameters or the failure that prevented the measurement
     */
    public record Row(String section, String metric, Figure figure, String baselineLabel, Figure baseline,
                      Target target, String note) {

        /**
         * Returns the figure over the baseline.
         *
         * @return the ratio, or {@code NaN} without a usable (positive) baseline
         */
        public double ratio() {
            if (baseline == null || figure == null || !(baseline.value() > 0)) {
                return Double.NaN;
            }
            return figure.value() / baseline.value();
        }
    }

    private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());

    /**
     * Adds a figure that has no baseline.
     *
     * @param section the benchmark family
     * @param metric what was measured
     * @param figure the figure
     * @param target the goal, or {@code null}
     * @param note parameters of the run, or empty
     */
    public void add(String section, String metric, Figure figure, Target target, String note) {
        addCompared(section, metric, figure, "", null, target, note);
    }

    /**
     * Adds a figure with its baseline.
     *
     * @param section the benchmark family
     * @param metric what was measured
     * @param figure the figure
     * @param baselineLabel what the baseline is
     * @param baseline the baseline figure
     * @param target the goal, or {@code null}
     * @param note parameters of the run, or empty
     */
    public void addCompared(String section, String metric, Figure figure, String baselineLabel, Figure baseline,
                            Target target, String note) {
        if (section == null || metric == null || figure == null) {
            throw new NullPointerException("section, metric and figure are required");
        }
        rows.add(new Row(section, metric, figure, baselineLabel == null ? "" : baselineLabel, baseline, target,
                note == null ? "" : note));
    }

    /**
     * Records that a benchmark could not produce its figures, so the table says so instead of leaving a gap.
     *
     * @param section the benchmark family
     * @param metric what could not be measured
     * @param reason why
     */
    public void addFailure(String section, String metric, String reason) {
        add(section, metric, Figure.of(Double.NaN, ""), null, "NOT MEASURED: " + reason);
    }

    /**
     * Returns a snapshot of the rows.
     *
     * @return the rows in the order they were added
     */
    public List<Row> rows() {
        synchronized (rows) {
            return List.copyOf(rows);
        }
    }

    /**
     * Prints the table as aligned plain text.
     *
     * @param out where to print; not null
     */
    public void printText(PrintStream out) {
        if (out == null) {
            throw new NullPointerException("out");
        }
        List<String[]> cells = new ArrayList<>();
        cells.add(header());
        for (Row r : rows()) {
            cells.add(cells(r));
        }
        int[] widths = new int[cells.get(0).length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        String previousSection = null;
        for (int n = 0; n < cells.size(); n++) {
            String[] line = cells.get(n);
            if (n > 0 && !line[0].equals(previousSection)) {
                out.println(separator(widths));
            }
            previousSection = n == 0 ? null : line[0];
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean numeric = i == 2 || i == 4 || i == 5;
                String cell = line[i];
                String pad = " ".repeat(widths[i] - cell.length());
                sb.append(numeric ? pad + cell : cell + pad);
                if (i < line.length - 1) {
                    sb.append(" | ");
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /**
     * Prints the table as GitHub-flavoured Markdown, the form kept in the results file.
     *
     * @param out where to print; not null
     */
    public void printMarkdown(PrintStream out) {
        if (out == null) {
            throw new NullPointerException("out");
        }
        String[] header = header();
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|---|---|--:|---|--:|--:|---|---|");
        for (Row r : rows()) {
            String[] c = cells(r);
            for (int i = 0; i < c.length; i++) {
                c[i] = c[i].replace("|", "\\|");
            }
            out.println("| " + String.join(" | ", c) + " |");
        }
    }

    private static String separator(int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            sb.append("-".repeat(widths[i]));
            if (i < widths.length - 1) {
                sb.append("-+-");
            }
        }
        return sb.toString();
    }

    private static String[] header() {
        return new String[] {"section", "metric", "figure", "baseline", "baseline figure", "ratio", "target",
            "note"};
    }

    private static String[] cells(Row r) {
        double ratio = r.ratio();
        String ratioText = Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2fx", ratio);
        String target = r.target() == null ? ""
                : r.target().description() + " (" + r.target().verdict(r.figure().value(), ratio) + ")";
        return new String[] {
            r.section(), r.metric(), r.figure().toString(), r.baselineLabel(),
            r.baseline() == null ? "" : r.baseline().toString(), ratioText, target, r.note()
        };
    }
}
