package dev.forgather.logs.cli;

import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.Frame;
import dev.forgather.logs.watch.StyledLine;
import java.util.Locale;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/** What the environment asks of the terminal view: colour or not, which characters, what size. */
final class TerminalLook {
    /** Matplotlib's tab10, as {@code plot} draws runs, in run order. */
    private static final int[] TAB10 = {
        0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf
    };

    private TerminalLook() {}

    /**
     * {@code requested}, unless the terminal cannot show it: {@code TERM=dumb}, or a locale that is
     * not UTF-8 (the first of {@code LC_ALL}, {@code LC_CTYPE}, {@code LANG} that is set; none set
     * is the C locale), draws in ASCII.
     */
    static ChartCharset charset(ChartCharset requested, Map<String, String> env) {
        if ("dumb".equals(env.get("TERM")) || !utf8Locale(env)) {
            return ChartCharset.ASCII;
        }
        return requested;
    }

    static boolean utf8Locale(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                String v = value.toLowerCase(Locale.ROOT);
                return v.contains("utf-8") || v.contains("utf8");
            }
        }
        return false;
    }

    /** Colour unless {@code NO_COLOR} is set to anything but the empty string (no-color.org). */
    static boolean colour(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return noColor == null || noColor.isEmpty();
    }

    /** A positive whole number from the environment, e.g. {@code COLUMNS}; {@code fallback} when unset or not one. */
    static int dimension(Map<String, String> env, String name, int fallback) {
        String value = env.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            return n > 0 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** {@code line} with its styles as JLine's; without {@code colour}, bold and faint only. */
    static AttributedString attributed(StyledLine line, boolean colour) {
        AttributedStringBuilder sb = new AttributedStringBuilder(line.length());
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        int i = 0;
        while (i < end) {
            int style = line.style(i);
            int j = i;
            StringBuilder run = new StringBuilder();
            while (j < end && line.style(j) == style) {
                run.append(line.charAt(j));
                j++;
            }
            sb.styled(style(style, colour), run);
            i = j;
        }
        return sb.toAttributedString();
    }

    private static AttributedStyle style(int style, boolean colour) {
        AttributedStyle s = AttributedStyle.DEFAULT;
        int index = StyledLine.colourOf(style);
        if (colour && index >= 0) {
            int rgb = TAB10[index];
            s = s.foreground((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
        }
        if (StyledLine.isBold(style)) {
            s = s.bold();
        }
        if (StyledLine.isFaint(style)) {
            s = s.faint();
        }
        return s;
    }

    /**
     * The frame with SGR escape sequences (24-bit colour, bold, faint), every line ended by a
     * newline: what {@code --once} prints to a terminal. Written here rather than through JLine's
     * {@code toAnsi}, which swaps box-drawing characters for ASCII when it has no terminal to ask.
     */
    static String ansi(Frame frame, boolean colour) {
        StringBuilder sb = new StringBuilder();
        for (StyledLine line : frame.lines()) {
            int end = line.length();
            while (end > 0 && line.charAt(end - 1) == ' ') {
                end--;
            }
            int current = StyledLine.PLAIN;
            for (int i = 0; i < end; i++) {
                int style = line.style(i);
                if (!colour) {
                    style &= StyledLine.BOLD | StyledLine.FAINT;
                }
                if (style != current) {
                    sb.append(sgr(style));
                    current = style;
                }
                sb.append(line.charAt(i));
            }
            if (current != StyledLine.PLAIN) {
                sb.append("\u001b[0m");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String sgr(int style) {
        StringBuilder sb = new StringBuilder("\u001b[0");
        if (StyledLine.isBold(style)) {
            sb.append(";1");
        }
        if (StyledLine.isFaint(style)) {
            sb.append(";2");
        }
        int index = StyledLine.colourOf(style);
        if (index >= 0) {
            int rgb = TAB10[index];
            sb.append(";38;2;")
                    .append((rgb >> 16) & 0xFF)
                    .append(';')
                    .append((rgb >> 8) & 0xFF)
                    .append(';')
                    .append(rgb & 0xFF);
        }
        return sb.append('m').toString();
    }
}
