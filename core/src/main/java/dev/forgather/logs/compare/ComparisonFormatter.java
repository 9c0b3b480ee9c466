package dev.forgather.logs.compare;

/** Writes a {@link Comparison} in one output format. */
public interface ComparisonFormatter {
    /**
     * The comparison as one document, ending with a newline.
     *
     * @param colour whether to colour better deltas green and worse ones red with ANSI escapes
     *     (text only; the caller decides: a terminal, and no {@code NO_COLOR})
     */
    String format(Comparison comparison, boolean colour);
}
