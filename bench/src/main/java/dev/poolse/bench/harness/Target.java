package dev.poolse.bench.harness;

/**
 * A goal a figure is compared with in the printed table. Targets are reported as met or missed, never asserted: a
 * benchmark never fails a build.
 *
 * @param description what the table prints, for example {@code <= 1.10x}
 * @param onRatio whether the bound applies to the ratio (true) or to the figure itself (false)
 * @param bound the limit
 * @param atMost whether the figure or ratio must be at most (true) or at least (false) the bound
 */
public record Target(String description, boolean onRatio, double bound, boolean atMost) {

    /**
     * Creates a target.
     *
     * @param description what the table prints; not null
     * @param onRatio whether the bound applies to the ratio
     * @param bound the limit
     * @param atMost the direction of the limit
     */
    public Target {
        if (description == null) {
            throw new NullPointerException("description");
        }
    }

    /**
     * A ratio that must not exceed a bound.
     *
     * @param bound the largest acceptable ratio
     * @return the target
     */
    public static Target ratioAtMost(double bound) {
        return new Target(String.format("<= %.2fx", bound), true, bound, true);
    }

    /**
     * A ratio that must reach a bound.
     *
     * @param bound the smallest acceptable ratio
     * @return the target
     */
    public static Target ratioAtLeast(double bound) {
        return new Target(String.format(">= %.2fx", bound), true, bound, false);
    }

    /**
     * A figure that must not exceed a bound.
     *
     * @param bound the largest acceptable value
     * @param unit the unit printed with the bound
     * @return the target
     */
    public static Target valueAtMost(double bound, String unit) {
        return new Target("<= " + Figure.formatNumber(bound) + " " + unit, false, bound, true);
    }

    /**
     * Says whether a figure meets the target.
     *
     * @param value the figure
     * @param ratio the figure over its baseline, or {@code NaN} when there is none
     * @return "met", "missed" or "n/a" when the compared number is missing
     */
    public String verdict(double value, double ratio) {
        double x = onRatio ? ratio : value;
        if (Double.isNaN(x)) {
            return "n/a";
        }
        boolean ok = atMost ? x <= bound : x >= bound;
        return ok ? "met" : "MISSED";
    }
}
