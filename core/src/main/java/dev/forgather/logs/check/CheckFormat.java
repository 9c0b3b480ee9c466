package dev.forgather.logs.check;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code logs check}. */
public enum CheckFormat {
    /** One line per finding, then one verdict line per run. */
    TEXT(new CheckTextFormatter()),
    /** An array with one object per run (the pinned shape of issue 10). */
    JSON(new CheckJsonFormatter()),
    /** GitHub Actions workflow commands ({@code ::error ...}), then the text verdict lines. */
    GITHUB(new CheckGithubFormatter());

    private final CheckFormatter formatter;

    CheckFormat(CheckFormatter formatter) {
        this.formatter = formatter;
    }

    public CheckFormatter formatter() {
        return formatter;
    }

    /** The name on the command line: {@code text}, {@code json}, {@code github}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<CheckFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.label().equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(CheckFormat::label).toList();
    }
}
