package dev.forgather.logs.plot;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.NumberFormat;
import java.util.Locale;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;

/**
 * Tick spacings and labels as matplotlib writes them: every label of an axis with the same number of
 * decimals ({@code 0.0000 0.0002 … 0.0010}), no thousands separators ({@code 1000}, not
 * {@code 1,000}), a true minus sign, the same on every locale.
 */
final class TickLabels {
    private static final DecimalFormatSymbols SYMBOLS = symbols();

    private TickLabels() {}

    /** Spacings of 1, 2, 2.5 and 5 times a power of ten, each with a label format that fits it. */
    static TickUnits standardUnits() {
        TickUnits units = new TickUnits();
        for (int exponent = -12; exponent <= 15; exponent++) {
            double power = Math.pow(10, exponent);
            for (double multiple : new double[] {1, 2, 2.5, 5}) {
                double size = multiple * power;
                int decimals = Math.max(0, -exponent) + (multiple == 2.5 && exponent <= 0 ? 1 : 0);
                units.add(new NumberTickUnit(size, formatFor(exponent, decimals), 5));
            }
        }
        return units;
    }

    private static NumberFormat formatFor(int exponent, int decimals) {
        if (exponent < -5 || exponent > 11) {
            return new DecimalFormat("0.##E0", SYMBOLS);
        }
        if (exponent >= 4) {
            return new Compact();
        }
        return new DecimalFormat(decimals == 0 ? "0" : "0." + "0".repeat(decimals), SYMBOLS);
    }

    /**
     * Large round numbers with a thousands or millions suffix: {@code 250k}, {@code 1M},
     * {@code 1.5M}. A million-step run otherwise gets seven-digit labels that are hard to tell
     * apart and overhang the panel's edge.
     */
    static final class Compact extends NumberFormat {
        private static final String[] SUFFIXES = {"", "k", "M", "G"};

        @Override
        public StringBuffer format(double number, StringBuffer to, java.text.FieldPosition position) {
            double magnitude = Math.abs(number);
            int group = 0;
            while (group < SUFFIXES.length - 1 && magnitude >= 1000 * Math.pow(1000, group) - 1e-6) {
                group++;
            }
            double scaled = number / Math.pow(1000, group);
            return to.append(new DecimalFormat("0.##", SYMBOLS).format(scaled)).append(SUFFIXES[group]);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, java.text.FieldPosition position) {
            return format((double) number, to, position);
        }

        @Override
        public Number parse(String source, java.text.ParsePosition position) {
            throw new UnsupportedOperationException("tick labels are only written");
        }
    }

    /**
     * A log-axis label: a power of ten as {@code 10⁻⁴}; another value plainly ({@code 3},
     * {@code 0.02}) when it is between 0.001 and 10000, else as {@code 3×10⁻⁵}. Superscript digits
     * keep the label one plain string, so it stays text in SVG and PDF.
     */
    static String logLabel(double value) {
        int exponent = (int) Math.floor(Math.log10(value) + 1e-9);
        double mantissa = value / Math.pow(10, exponent);
        long roundedMantissa = Math.round(mantissa);
        boolean whole = Math.abs(mantissa - roundedMantissa) < 1e-6;
        if (whole && roundedMantissa == 1) {
            return "10" + superscript(exponent);
        }
        if (value >= 1e-3 && value < 1e4) {
            DecimalFormat plain = new DecimalFormat("0.##########", SYMBOLS);
            return plain.format(value);
        }
        String m = whole ? Long.toString(roundedMantissa) : new DecimalFormat("0.#", SYMBOLS).format(mantissa);
        return m + "\u00d710" + superscript(exponent);
    }

    private static String superscript(int exponent) {
        String digits = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
        StringBuilder sb = new StringBuilder();
        if (exponent < 0) {
            sb.append('\u207b');
        }
        for (char c : Integer.toString(Math.abs(exponent)).toCharArray()) {
            sb.append(digits.charAt(c - '0'));
        }
        return sb.toString();
    }

    private static DecimalFormatSymbols symbols() {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setMinusSign('\u2212');
        symbols.setExponentSeparator("e");
        return symbols;
    }
}
