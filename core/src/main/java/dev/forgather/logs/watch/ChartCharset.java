package dev.forgather.logs.watch;

import java.util.Locale;
import java.util.Optional;

/**
 * The characters a chart is drawn with. Each character cell holds a small grid of dots
 * ({@link #dotColumns()} × {@link #dotRows()}); a cell's dots, as a bit mask (bit
 * {@code row * dotColumns + column}, row 0 at the top), become one character.
 */
public enum ChartCharset {
    /** Unicode braille patterns: 2 × 4 dots per cell, the finest a terminal draws. */
    BRAILLE(2, 4),
    /** Unicode quadrant blocks: 2 × 2 dots per cell, for fonts without braille. */
    BLOCK(2, 2),
    /** Plain ASCII, for {@code TERM=dumb} and locales that are not UTF-8: 1 × 3 dots per cell. */
    ASCII(1, 3);

    /** Braille dot bits, by row then column, as Unicode numbers them (U+2800 + bits). */
    private static final int[][] BRAILLE_BITS = {{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}};
    /** Quadrants by mask (bit 0 top left, 1 top right, 2 bottom left, 3 bottom right). */
    private static final char[] QUADRANTS = {
        ' ', '\u2598', '\u259D', '\u2580', '\u2596', '\u258C', '\u259E', '\u259B', '\u2597', '\u259A', '\u2590',
        '\u259C', '\u2584', '\u2599', '\u259F', '\u2588'
    };
    /** ASCII by mask (bit 0 top, 1 middle, 2 bottom). */
    private static final char[] ASCII_GLYPHS = {' ', '\'', '-', '|', '.', ':', '|', '|'};

    private final int dotColumns;
    private final int dotRows;

    ChartCharset(int dotColumns, int dotRows) {
        this.dotColumns = dotColumns;
        this.dotRows = dotRows;
    }

    /** Dots across one character cell. */
    public int dotColumns() {
        return dotColumns;
    }

    /** Dots down one character cell. */
    public int dotRows() {
        return dotRows;
    }

    /** Whether every character this charset draws, in charts and around them, is ASCII. */
    public boolean isAscii() {
        return this == ASCII;
    }

    /** The character for a cell whose dots are {@code mask}; a space for no dots. */
    public char glyph(int mask) {
        switch (this) {
            case BRAILLE -> {
                int bits = 0;
                for (int row = 0; row < 4; row++) {
                    for (int col = 0; col < 2; col++) {
                        if ((mask & (1 << (row * 2 + col))) != 0) {
                            bits |= BRAILLE_BITS[row][col];
                        }
                    }
                }
                return bits == 0 ? ' ' : (char) (0x2800 + bits);
            }
            case BLOCK -> {
                return QUADRANTS[mask & 0xF];
            }
            default -> {
                return ASCII_GLYPHS[mask & 0x7];
            }
        }
    }

    /** The option's value, e.g. {@code braille}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The charset named {@code name} ({@code braille}, {@code block}, {@code ascii}). */
    public static Optional<ChartCharset> byName(String name) {
        for (ChartCharset c : values()) {
            if (c.optionName().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
