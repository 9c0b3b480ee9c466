package dev.forgather.logs.export;

import dev.forgather.logs.format.Numbers;

/** Finite numbers as text that reads back exactly, laid out as Python's {@code repr}. */
final class NumberText {
    private NumberText() {
    }

    /**
     * The same text as {@link Numbers#repr}, built from {@link Double#toString}'s digits by moving
     * the decimal point, without the BigDecimal that {@code repr} costs: Unix times (1.7e9) and small
     * learning rates are in E-notation in Java, so a 1M-record export took that path 1.7M times.
     */
    static String of(double value) {
        String text = Double.toString(value);
        int e = text.indexOf('E');
        if (e < 0) {
            // Positional in Java (1e-3 to 1e7) is already Python's layout.
            return text;
        }
        boolean negative = text.charAt(0) == '-';
        int start = negative ? 1 : 0;
        int exponent = Integer.parseInt(text, e + 1, text.length(), 10);
        // "d.ddd" before the E: the digits without the point, trailing zeros dropped.
        StringBuilder digits = new StringBuilder(e - start).append(text, start, start + 1).append(text, start + 2, e);
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= 16) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            int magnitude = Math.abs(exponent);
            out.append('e').append(exponent < 0 ? '-' : '+').append(magnitude < 10 ? "0" : "").append(magnitude);
        } else if (exponent < 0) {
            out.append("0.");
            for (int i = -1; i > exponent; i--) {
                out.append('0');
            }
            out.append(digits);
        } else {
            int whole = exponent + 1;
            if (digits.length() <= whole) {
                out.append(digits);
                for (int i = digits.length(); i < whole; i++) {
                    out.append('0');
                }
                out.append(".0");
            } else {
                out.append(digits, 0, whole).append('.').append(digits, whole, digits.length());
            }
        }
        return out.toString();
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
