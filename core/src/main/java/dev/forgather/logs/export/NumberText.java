package dev.forgather.logs.export;

import dev.forgather.logs.format.Numbers;

/** Finite numbers as text that reads back exactly, laid out as Python's {@code repr}. */
final class NumberText {
    private NumberText() {
    }

    /**
     * {@link Numbers#repr}, with a fast path: {@link Double#toString} is already that text whenever
     * it is positional (1e-3 to 1e7), which holds for most losses and rates. The slow path costs a
     * BigDecimal, about 5 times the time.
     */
    static String of(double value) {
        String text = Double.toString(value);
        return text.indexOf('E') < 0 ? text : Numbers.repr(value);
    }

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
