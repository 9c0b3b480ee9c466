package dev.forgather.logs.compare;

import java.util.Objects;

/**
 * A result to reach, as {@code --target eval_loss=1.9} says: the first step at which {@code metric}
 * is at or below {@code value} (at or above for a maximised metric).
 *
 * @param metric the log key, e.g. {@code eval_loss}
 * @param value the value to reach; finite
 */
public record Target(String metric, double value) {
    /** Checks the parts. */
    public Target {
        Objects.requireNonNull(metric, "metric");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("empty metric name");
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target value must be a finite number: " + value);
        }
    }

    /**
     * Reads {@code METRIC=VALUE}, e.g. {@code eval_loss=1.9}.
     *
     * @throws IllegalArgumentException with a lowercase, one-line reason when it is not of that form
     */
    public static Target parse(String text) {
        int eq = text.lastIndexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not METRIC=VALUE, e.g. eval_loss=1.9");
        }
        String metric = text.substring(0, eq).strip();
        String number = text.substring(eq + 1).strip();
        double value;
        try {
            value = Double.parseDouble(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + number + "' in '" + text + "' is not a number");
        }
        if (metric.isEmpty() || !Double.isFinite(value)) {
            throw new IllegalArgumentException("'" + text + "' is not METRIC=VALUE with a finite VALUE");
        }
        return new Target(metric, value);
    }
}
