package dev.forgather.logs.watch;

import java.util.Locale;
import java.util.Optional;

/** What a chart's x axis measures, as {@code plot --x-axis} names it. */
public enum WatchAxis {
    /** The record's global step. */
    STEP("Global Step"),
    /** The record's (fractional) epoch. */
    EPOCH("Epoch"),
    /** Minutes since the run's first record. */
    TIME("Time (minutes)");

    private final String label;

    WatchAxis(String label) {
        this.label = label;
    }

    /** The axis label, e.g. {@code Global Step}. */
    public String label() {
        return label;
    }

    /** The option's value, e.g. {@code step}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The axis after this one, for the {@code x} key. */
    public WatchAxis next() {
        return values()[(ordinal() + 1) % values().length];
    }

    /** The axis named {@code name} ({@code step}, {@code epoch}, {@code time}). */
    public static Optional<WatchAxis> byName(String name) {
        for (WatchAxis a : values()) {
            if (a.optionName().equals(name)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
