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
     * @param cpu the subject's client CPU time per operation in µs, or {@code null}
     * @param cpuBaseline the baseline's client CPU time per operation in µs, or {@code null}
     */
    public record Row(String section, String metric, Figure figure, String baselineLabel, Figure baseline,
                      Target target, String note, Figure cpu, Figure cpuBaseline) {

        /**
         * Returns the subject's CPU per operation over the baseline's.
         *
         * @return the ratio, or {@code NaN} when either is missing
         */
        public double cpuRatio() {
            if (cpu == null || cpuBaseline == null || !(cpuBaseline.value() > 0)) {
                return Double.NaN;
            }
            return cpu.value() / cpuBaseline.value();
        }

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

    /** The section name of the rows added with {@link #addTarget}, printed last. */
    public static final String TARGETS = "targets";

    private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
    private final List<Row> targets = Collections.synchronizedList(new ArrayList<>());

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
        addWithCpu(section, metric, figure, baselineLabel, baseline, target, note, null, null);
    }

    /**
     * Adds a figure with its baseline and the client CPU time per operation of both sides.
     *
     * @param section the benchmark family
     * @param metric what was measured
     * @param figure the figure
     * @param baselineLabel what the baseline is, or empty
     * @param baseline the baseline figure, or {@code null}
     * @param target the goal, or {@code null}
     * @param note parameters of the run, or empty
     * @param cpu the subject's client CPU per operation in µs, or {@code null}
     * @param cpuBaseline the baseline's client CPU per operation in µs, or {@code null}
     */
    public void addWithCpu(String section, String metric, Figure figure, String baselineLabel, Figure baseline,
                           Target target, String note, Figure cpu, Figure cpuBaseline) {
        if (section == null || metric == null || figure == null) {
            throw new NullPointerException("section, metric and figure are required");
        }
        rows.add(new Row(section, metric, figure, baselineLabel == null ? "" : baselineLabel, baseline, target,
                note == null ? "" : note, cpu, cpuBaseline));
    }

    /**
     * Adds one of the targets as a row of the {@value #TARGETS} section, which is printed after every
     * other row, so the verdicts read as one list.
     *
     * @param metric what the target is about
     * @param figure the compared figure
     * @param baselineLabel what it is compared with, or empty for a bound on the figure itself
     * @param baseline the figure it is compared with, or {@code null}
     * @param target the goal; not null
     * @param note where the figures come from
     */
    public void addTarget(String metric, Figure figure, String baselineLabel, Figure baseline, Target target,
                          String note) {
        if (metric == null || figure == null || target == null) {
            throw new NullPointerException("metric, figure and target are required");
        }
        targets.add(new Row(TARGETS, metric, figure, baselineLabel == null ? "" : baselineLabel, baseline, target,
                note == null ? "" : note, null, null));
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
        List<Row> all;
        synchronized (rows) {
            all = new ArrayList<>(rows);
        }
        synchronized (targets) {
            all.addAll(targets);
        }
        return List.copyOf(all);
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
                boolean numeric = i == 2 || i == 4 || i == 5 || i == 7 || i == 8 || i == 9;
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
        out.println("|---|---|--:|---|--:|--:|---|--:|--:|--:|---|");
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
            "client CPU/op (µs)", "raw CPU/op (µs)", "CPU ratio", "note"};
    }

    private static String[] cells(Row r) {
        double ratio = r.ratio();
        String ratioText = Double.isNaN(ratio) ? "" : String.format(Locale.ROOT, "%.2fx", ratio);
        String target = r.target() == null ? ""
                : r.target().description() + " (" + r.target().verdict(r.figure().value(), ratio) + ")";
        double cpuRatio = r.cpuRatio();
        return new String[] {
            r.section(), r.metric(), r.figure().toString(), r.baselineLabel(),
            r.baseline() == null ? "" : r.baseline().toString(), ratioText, target,
            r.cpu() == null ? "" : Figure.formatNumber(r.cpu().value()),
            r.cpuBaseline() == null ? "" : Figure.formatNumber(r.cpuBaseline().value()),
            Double.isNaN(cpuRatio) ? "" : String.format(Locale.ROOT, "%.2fx", cpuRatio), r.note()
        };
    }
}
