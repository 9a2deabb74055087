package dev.poolse.bench.harness;

import java.util.Locale;

/**
 * A measured number with its unit.
 *
 * @param value the number; {@code NaN} when it could not be measured
 * @param unit the unit printed after it, for example {@code ms} or {@code ops/s}
 */
public record Figure(double value, String unit) {

    /**
     * Creates a figure.
     *
     * @param value the number
     * @param unit the unit; not null
     */
    public Figure {
        if (unit == null) {
            throw new NullPointerException("unit");
        }
    }

    /**
     * Creates a figure.
     *
     * @param value the number
     * @param unit the unit; not null
     * @return the figure
     */
    public static Figure of(double value, String unit) {
        return new Figure(value, unit);
    }

    /**
     * Formats a number with precision that suits its size (three significant digits for small numbers, none after
     * the point for large ones).
     *
     * @param v the number
     * @return the text, or {@code -} for {@code NaN}
     */
    public static String formatNumber(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a >= 1000 || (v == Math.rint(v) && a < 1e15)) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    @Override
    public String toString() {
        return Double.isNaN(value) ? "-" : formatNumber(value) + " " + unit;
    }
}
