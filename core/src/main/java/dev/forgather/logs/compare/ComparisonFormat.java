package dev.forgather.logs.compare;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The output formats of {@code logs compare}, by the names users type. */
public enum ComparisonFormat {
    TEXT("text", new ComparisonTextFormatter()),
    MARKDOWN("md", new ComparisonMarkdownFormatter()),
    JSON("json", new ComparisonJsonFormatter()),
    CSV("csv", new ComparisonCsvFormatter());

    private final String cliName;
    private final ComparisonFormatter formatter;

    ComparisonFormat(String cliName, ComparisonFormatter formatter) {
        this.cliName = cliName;
        this.formatter = formatter;
    }

    /** The name users type, e.g. {@code md}. */
    public String cliName() {
        return cliName;
    }

    /** The formatter that writes this format. */
    public ComparisonFormatter formatter() {
        return formatter;
    }

    /** The format called {@code name}, if any. */
    public static Optional<ComparisonFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
    }

    /** Every format's name, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ComparisonFormat::cliName).toList();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
