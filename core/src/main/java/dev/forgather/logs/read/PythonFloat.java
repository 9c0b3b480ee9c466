package dev.forgather.logs.read;

import java.util.Locale;

/** Numbers as Python's {@code str(float)} writes them into text logs (CSV cells, MLflow lines). */
final class PythonFloat {
    private PythonFloat() {}

    /**
     * Parses {@code 1.5}, {@code 3}, {@code 1e-05}, {@code nan}, {@code inf}, {@code -inf} (and
     * Java's {@code NaN}, {@code Infinity}), surrounding blanks ignored.
     *
     * @throws NumberFormatException when the text is not a number
     */
    static double parse(String text) {
        String s = text.strip();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan", "+nan", "-nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                // parseDouble also takes "1d", "0x1p3" and trailing "f": reject what Python never writes.
                char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
                if (!(last >= '0' && last <= '9' || last == '.')) {
                    throw new NumberFormatException("not a number: " + text);
                }
                return Double.parseDouble(s);
        }
    }
}
