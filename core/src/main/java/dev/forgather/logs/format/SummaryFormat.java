package dev.forgather.logs.format;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The output formats of {@code logs summary}, by the names users type. */
public enum SummaryFormat {
    TEXT("text", new TextFormatter()),
    JSON("json", new JsonFormatter()),
    MARKDOWN("md", new MarkdownFormatter()),
    ONE_LINE("one-line", new OneLineFormatter());

    private final String cliName;
    private final SummaryFormatter formatter;

    SummaryFormat(String cliName, SummaryFormatter formatter) {
        this.cliName = cliName;
        this.formatter = formatter;
    }

    /** The name users type, e.g. {@code one-line}. */
    public String cliName() {
        return cliName;
    }

    /** The formatter that writes this format. */
    public SummaryFormatter formatter() {
        return formatter;
    }

    /** The format called {@code name}, if any. */
    public static Optional<SummaryFormat> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
    }

    /** Every format's name, in order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(SummaryFormat::cliName).toList();
    }

    @Override
    public String toString() {
        return cliName;
    }
}
