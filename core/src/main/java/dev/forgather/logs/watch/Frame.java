package dev.forgather.logs.watch;

import java.util.List;

/**
 * One screenful: at most the terminal's height in lines, each at most its width.
 *
 * @param lines the lines, top first
 */
public record Frame(List<StyledLine> lines) {
    public Frame {
        lines = List.copyOf(lines);
    }

    /** The frame as plain text, every line ended by a newline, trailing spaces left out. */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (StyledLine line : lines) {
            sb.append(line.text()).append('\n');
        }
        return sb.toString();
    }
}
