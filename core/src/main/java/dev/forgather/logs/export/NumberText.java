package dev.forgather.logs.export;

/**
 * How the exported files spell numbers that JSON and Python's {@code repr} cannot: finite values
 * are {@link dev.forgather.logs.format.Numbers#repr}.
 */
final class NumberText {
    private NumberText() {}

    /** The name of a non-finite value, as CSV readers (pandas, DuckDB, Spark) parse it; null for a finite one. */
    static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Double.POSITIVE_INFINITY) {
            return "Infinity";
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return "-Infinity";
        }
        return null;
    }
}
