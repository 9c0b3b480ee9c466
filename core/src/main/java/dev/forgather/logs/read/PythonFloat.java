package dev.forgather.logs.read;

import java.math.BigDecimal;
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

    /**
     * {@code value} as Python's {@code repr(float)} writes it, except that a whole number is written
     * without its {@code .0} (a hyperparameter stored as a float, such as TensorBoard's, was
     * usually an integer): {@code 512}, {@code 0.001}, {@code 1e-05}, {@code 2.5e+20}, {@code nan},
     * {@code inf}.
     */
    static String repr(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e16) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1e-4 && magnitude < 1e16) {
            return new BigDecimal(Double.toString(value)).toPlainString();
        }
        String java = Double.toString(value);
        int e = java.indexOf('E');
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }
}
