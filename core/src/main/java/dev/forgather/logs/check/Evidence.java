package dev.forgather.logs.check;

import java.util.Locale;

/** How findings write numbers in their messages: short, and the same in every detector. */
final class Evidence {
    private Evidence() {}

    /** A metric value with 3 significant digits ({@code 4.82}, {@code 0.000123}); whole numbers from 1000 up. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (Math.abs(value) >= 1000 || value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString(Math.round(value));
        }
        String text = String.format(Locale.ROOT, "%.3g", value);
        if (text.contains("e")) {
            return text;
        }
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "");
            if (text.endsWith(".")) {
                text = text.substring(0, text.length() - 1);
            }
        }
        return text;
    }

    /** A ratio or z score with one decimal: {@code 9.3}. */
    static String oneDecimal(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A count of things: {@code 1 record}, {@code 40 records}. */
    static String count(long n, String thing) {
        return n + " " + thing + (n == 1 ? "" : "s");
    }

    /** A duration: {@code 45 s}, {@code 12 min}, {@code 2 h 13 min}, {@code 3 d 4 h}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        long minutes = s / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
        }
        return hours / 24 + " d" + (hours % 24 == 0 ? "" : " " + hours % 24 + " h");
    }

    /** A fraction as a percentage: {@code 0.0001} is {@code 0.01%}, {@code 0.5} is {@code 50%}. */
    static String percent(double fraction) {
        return number(fraction * 100) + "%";
    }
}
