package dev.forgather.logs.format;

import java.text.BreakIterator;

/**
 * Text as a terminal shows it: how many columns it takes (a CJK character or an emoji two, a
 * combining accent none), how to cut it to a width without splitting a character, and how to
 * keep a table cell on one line. Java's {@code String.length()} counts UTF-16 units, so an emoji
 * counted two and was cut in half into {@code ?}, and a run name with a newline or {@code |}
 * broke the table.
 *
 * <p>The wide ranges are Unicode's East Asian Wide and Fullwidth blocks and the emoji blocks, as
 * in Markus Kuhn's {@code wcwidth}; a table this small is not worth a dependency such as ICU4J.
 */
public final class DisplayText {
    private DisplayText() {}

    /** Code point ranges, inclusive, that a terminal draws two columns wide. */
    private static final int[][] WIDE = {
        {0x1100, 0x115F},
        {0x231A, 0x231B},
        {0x2329, 0x232A},
        {0x23E9, 0x23EC},
        {0x23F0, 0x23F0},
        {0x23F3, 0x23F3},
        {0x25FD, 0x25FE},
        {0x2614, 0x2615},
        {0x2648, 0x2653},
        {0x267F, 0x267F},
        {0x2693, 0x2693},
        {0x26A1, 0x26A1},
        {0x26AA, 0x26AB},
        {0x26BD, 0x26BE},
        {0x26C4, 0x26C5},
        {0x26CE, 0x26CE},
        {0x26D4, 0x26D4},
        {0x26EA, 0x26EA},
        {0x26F2, 0x26F3},
        {0x26F5, 0x26F5},
        {0x26FA, 0x26FA},
        {0x26FD, 0x26FD},
        {0x2705, 0x2705},
        {0x270A, 0x270B},
        {0x2728, 0x2728},
        {0x274C, 0x274C},
        {0x274E, 0x274E},
        {0x2753, 0x2755},
        {0x2757, 0x2757},
        {0x2795, 0x2797},
        {0x27B0, 0x27B0},
        {0x27BF, 0x27BF},
        {0x2B1B, 0x2B1C},
        {0x2B50, 0x2B50},
        {0x2B55, 0x2B55},
        {0x2E80, 0x303E},
        {0x3041, 0x33FF},
        {0x3400, 0x4DBF},
        {0x4E00, 0x9FFF},
        {0xA000, 0xA4CF},
        {0xA960, 0xA97F},
        {0xAC00, 0xD7A3},
        {0xF900, 0xFAFF},
        {0xFE10, 0xFE19},
        {0xFE30, 0xFE6F},
        {0xFF00, 0xFF60},
        {0xFFE0, 0xFFE6},
        {0x16FE0, 0x18AFF},
        {0x1B000, 0x1B2FF},
        {0x1F004, 0x1F004},
        {0x1F0CF, 0x1F0CF},
        {0x1F18E, 0x1F18E},
        {0x1F191, 0x1F19A},
        {0x1F200, 0x1F2FF},
        {0x1F300, 0x1F64F},
        {0x1F680, 0x1F6FF},
        {0x1F7E0, 0x1F7EB},
        {0x1F90C, 0x1F9FF},
        {0x1FA70, 0x1FAFF},
        {0x20000, 0x2FFFD},
        {0x30000, 0x3FFFD},
    };

    /** The columns {@code codePoint} takes on a terminal: 0, 1 or 2. */
    public static int width(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK
                || type == Character.ENCLOSING_MARK
                || type == Character.FORMAT
                || (codePoint >= 0xFE00 && codePoint <= 0xFE0F)) {
            return 0;
        }
        int low = 0;
        int high = WIDE.length - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (codePoint < WIDE[mid][0]) {
                high = mid - 1;
            } else if (codePoint > WIDE[mid][1]) {
                low = mid + 1;
            } else {
                return 2;
            }
        }
        return 1;
    }

    /** The columns {@code text} takes on a terminal. */
    public static int width(CharSequence text) {
        // A loop, not codePoints().map().sum(): a stream pipeline per cell was a sixth of a
        // 1,000-run one-line summary's samples, in code that never gets compiled well.
        int columns = 0;
        int length = text.length();
        for (int i = 0; i < length; ) {
            char c = text.charAt(i);
            if (c < 0xA0) {
                // ASCII and the C1 controls: one column each (no mark, format or wide character).
                columns++;
                i++;
            } else {
                int codePoint = Character.codePointAt(text, i);
                columns += width(codePoint);
                i += Character.charCount(codePoint);
            }
        }
        return columns;
    }

    /**
     * The longest start of {@code text} that fits in {@code columns}, cut only between characters
     * as a user sees them (never inside a surrogate pair or before a combining accent).
     */
    public static String truncate(String text, int columns) {
        if (width(text) <= columns) {
            return text;
        }
        BreakIterator characters = BreakIterator.getCharacterInstance();
        characters.setText(text);
        int used = 0;
        int end = 0;
        for (int next = characters.next(); next != BreakIterator.DONE; next = characters.next()) {
            int w = width(text.substring(end, next));
            if (used + w > columns) {
                break;
            }
            used += w;
            end = next;
        }
        return text.substring(0, end);
    }

    /**
     * {@code text} made safe for one cell of a one-line table: a line break, tab or other control
     * character written as its escape ({@code \n}, {@code \t}, {@code \x07}), and {@code |} and
     * {@code \} escaped with a backslash, so that every row stays one row of columns.
     */
    public static String cell(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '|' -> out.append("\\|");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\x%02x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** {@code text} followed by blanks up to {@code columns}. */
    public static String pad(String text, int columns) {
        return text + " ".repeat(Math.max(0, columns - width(text)));
    }
}
