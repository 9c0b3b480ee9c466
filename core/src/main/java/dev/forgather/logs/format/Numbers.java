package dev.forgather.logs.format;

import dev.forgather.logs.model.NumberStyle;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Every number a summary prints, formatted once, here.
 *
 * <p>Rounding matches Python's {@code format()}, which the original tool used: the exact binary
 * value is rounded, halves to even ({@code 2.675} is {@code 2.67499…} and prints
 * {@code 2.67} with 2 decimals). Java's {@code String.format} rounds the shortest decimal form half-up instead,
 * and would disagree in the last digit. Non-finite values print as {@code nan}, {@code inf} and
 * {@code -inf}.
 */
public final class Numbers {
    private Numbers() {}

    /** A loss or grad norm: 4 decimals. */
    public static String loss(double value) {
        return fixed(value, 4);
    }

    /** An epoch: 4 decimals. */
    public static String epoch(double value) {
        return fixed(value, 4);
    }

    /** A runtime in seconds or a speed: 2 decimals. */
    public static String seconds(double value) {
        return fixed(value, 2);
    }

    /** {@code value} written in {@code style}. */
    public static String of(NumberStyle style, double value) {
        return switch (style) {
            case LOSS -> loss(value);
            case EPOCH -> epoch(value);
            case SECONDS -> seconds(value);
            case LEARNING_RATE -> learningRate(value);
            case COUNT -> count(value);
            case INTEGER -> count(value);
        };
    }

    /**
     * A learning rate: 6 decimals when at least 1e-4 in size or exactly 0, else 3 significant
     * digits in scientific form ({@code 1.26e-09}), so that a decayed rate does not print as
     * {@code 0.000000}.
     */
    public static String learningRate(double value) {
        if (!Double.isFinite(value) || value == 0 || Math.abs(value) >= 1e-4) {
            return fixed(value, 6);
        }
        return scientific(value, 2);
    }

    /** A count that a log stores as a number, such as a batch size: no decimals when whole. */
    public static String count(double value) {
        if (Double.isFinite(value) && value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return nonFinite(value) != null
                ? nonFinite(value)
                : BigDecimal.valueOf(value).toPlainString();
    }

    /** {@code value} with {@code decimals} decimals, as Python's {@code f"{value:.Nf}"}. */
    public static String fixed(double value, int decimals) {
        String special = nonFinite(value);
        if (special != null) {
            return special;
        }
        String text = decimals <= 9 ? fixedFast(Math.abs(value), decimals) : null;
        if (text == null) {
            text = new BigDecimal(value)
                    .setScale(decimals, RoundingMode.HALF_EVEN)
                    .abs()
                    .toPlainString();
        }
        // Python keeps the sign of a negative number that rounds to zero: -0.00001 -> "-0.0000".
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            text = "-" + text;
        }
        return text;
    }

    private static final double[] POWERS_OF_TEN = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * {@code fixed} without BigDecimal for the common case, or null when it cannot be sure: the
     * scaled value carries at most half an ulp of error, so unless it lies within a millionth of a
     * rounding tie, rounding it gives what rounding the exact binary value gives.
     */
    private static String fixedFast(double magnitude, int decimals) {
        double scaled = magnitude * POWERS_OF_TEN[decimals];
        if (!(scaled < 1e15)) {
            return null;
        }
        double floor = Math.floor(scaled);
        double fraction = scaled - floor;
        if (Math.abs(fraction - 0.5) < 1e-6) {
            return null;
        }
        long units = (long) floor + (fraction > 0.5 ? 1 : 0);
        long scale = (long) POWERS_OF_TEN[decimals];
        StringBuilder sb = new StringBuilder(24).append(units / scale);
        if (decimals > 0) {
            String digits = Long.toString(units % scale);
            sb.append('.');
            for (int i = digits.length(); i < decimals; i++) {
                sb.append('0');
            }
            sb.append(digits);
        }
        return sb.toString();
    }

    /** {@code value} in scientific form with {@code decimals} decimals, as Python's {@code f"{value:.Ne}"}. */
    public static String scientific(double value, int decimals) {
        String special = nonFinite(value);
        if (special != null) {
            return special;
        }
        if (value == 0) {
            return (1 / value < 0 ? "-" : "") + "0." + "0".repeat(decimals) + "e+00";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(decimals + 1, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().abs().toString();
        // Rounding can leave trailing zeros stripped (e.g. 1E-9): pad the mantissa to decimals + 1 digits.
        while (digits.length() < decimals + 1) {
            digits = digits + "0";
        }
        int exponent = rounded.precision() - rounded.scale() - 1;
        StringBuilder sb = new StringBuilder();
        if (value < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (decimals > 0) {
            sb.append('.').append(digits, 1, decimals + 1);
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            sb.append('0');
        }
        return sb.append(abs).toString();
    }

    /**
     * A duration as {@code MM:SS}, or {@code H:MM:SS} from one hour up; whole seconds, truncated
     * ({@code 148.79} s is {@code 02:28}).
     */
    public static String clock(double seconds) {
        String special = nonFinite(seconds);
        if (special != null) {
            return special;
        }
        long total = (long) Math.floor(seconds);
        long hours = total / 3600;
        long minutes = (total % 3600) / 60;
        long secs = total % 60;
        // Not String.format: its parser costs more than the rest of a one-line row put together.
        StringBuilder sb = new StringBuilder(8);
        if (hours > 0) {
            sb.append(hours).append(':');
        }
        return twoDigits(twoDigits(sb, minutes).append(':'), secs).toString();
    }

    /**
     * The shortest text that reads back as {@code value}, laid out as Python's {@code repr}
     * (and so {@code json.dumps}) does: positional from 1e-4 up to 1e16, else {@code 1.26e-09}.
     * Only for finite values. Built from {@link Double#toString}'s digits by moving the decimal
     * point, without BigDecimal: Unix times (1.7e9) and small learning rates are in E-notation in
     * Java, so a 1M-record export would take a BigDecimal path 1.7M times.
     */
    public static String repr(double value) {
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
        StringBuilder digits =
                new StringBuilder(e - start).append(text, start, start + 1).append(text, start + 2, e);
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
            out.append('e')
                    .append(exponent < 0 ? '-' : '+')
                    .append(magnitude < 10 ? "0" : "")
                    .append(magnitude);
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

    private static StringBuilder twoDigits(StringBuilder sb, long n) {
        if (n < 10) {
            sb.append('0');
        }
        return sb.append(n);
    }

    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (value == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return null;
    }
}
