package dev.forgather.logs.watch;

/**
 * One line of a frame: its characters and, per character, a style: a run colour (or none),
 * bold, faint. A terminal turns the styles into escape sequences; {@link #text()} is the line
 * without them, which is what {@code --once} prints when stdout is not a terminal.
 */
public final class StyledLine {
    /** No colour, normal weight. */
    public static final int PLAIN = 0;
    /** Bold: smoothed curves, titles. */
    public static final int BOLD = 1 << 5;
    /** Faint: raw curves under smoothed ones. */
    public static final int FAINT = 1 << 6;

    private static final int COLOUR_MASK = 0x1F;

    private final char[] chars;
    private final int[] styles;

    StyledLine(char[] chars, int[] styles) {
        this.chars = chars;
        this.styles = styles;
    }

    /** The style of run colour {@code index} (tab10, in run order) with {@code attributes}. */
    public static int coloured(int index, int attributes) {
        return (Math.floorMod(index, 10) + 1) | attributes;
    }

    /** The tab10 colour index of {@code style}, or -1 for none. */
    public static int colourOf(int style) {
        return (style & COLOUR_MASK) - 1;
    }

    /** Whether {@code style} is bold. */
    public static boolean isBold(int style) {
        return (style & BOLD) != 0;
    }

    /** Whether {@code style} is faint. */
    public static boolean isFaint(int style) {
        return (style & FAINT) != 0;
    }

    /** How many characters the line holds, trailing spaces included. */
    public int length() {
        return chars.length;
    }

    /** Character {@code i}. */
    public char charAt(int i) {
        return chars[i];
    }

    /** The style of character {@code i}. */
    public int style(int i) {
        return styles[i];
    }

    /** The characters without styles and without trailing spaces. */
    public String text() {
        int end = chars.length;
        while (end > 0 && chars[end - 1] == ' ') {
            end--;
        }
        return new String(chars, 0, end);
    }

    @Override
    public String toString() {
        return text();
    }

    /** A line being drawn: fixed width, spaces until written. */
    static final class Builder {
        private final char[] chars;
        private final int[] styles;

        Builder(int width) {
            chars = new char[Math.max(0, width)];
            styles = new int[chars.length];
            java.util.Arrays.fill(chars, ' ');
        }

        int width() {
            return chars.length;
        }

        /** Writes {@code text} from column {@code at}, cut at the line's end; returns the column after it. */
        int put(int at, String text, int style) {
            int col = at;
            for (int i = 0; i < text.length() && col < chars.length; i++, col++) {
                if (col >= 0) {
                    chars[col] = text.charAt(i);
                    styles[col] = style;
                }
            }
            return col;
        }

        void put(int at, char c, int style) {
            if (at >= 0 && at < chars.length) {
                chars[at] = c;
                styles[at] = style;
            }
        }

        StyledLine build() {
            return new StyledLine(chars.clone(), styles.clone());
        }
    }
}
