package dev.forgather.logs.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What the shaded band around a seed group's mean curve shows ({@code plot --band}). */
public enum Band {
    /** Mean ± the sample standard deviation of the members. */
    STD,
    /** From the lowest member to the highest. */
    MINMAX,
    /** The 95 % confidence interval of the mean: ± t(0.975, n−1)·std/√n. */
    CI95;

    /** The name users type: {@code std}, {@code minmax}, {@code ci95}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The band called {@code name}, if any. */
    public static Optional<Band> byName(String name) {
        return Arrays.stream(values())
                .filter(b -> b.cliName().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Every band's name, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Band::cliName).toList();
    }
}
