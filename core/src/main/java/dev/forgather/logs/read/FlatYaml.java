package dev.forgather.logs.read;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the part of YAML that Lightning's {@code hparams.yaml} is written in (PyYAML's block
 * style): {@code key: value} lines, mappings nested by indentation (kept as {@code outer.inner}),
 * plain, single- and double-quoted scalars, comments. Anything else (lists, block text, tags such
 * as {@code !!python/object}, anchors, a value continued on the next line) is not guessed at: its
 * key is left out and named in {@link Result#skipped()}, and the rest is read. Never throws on
 * any input. The project has no YAML parser among its dependencies, and this subset is what the
 * logger writes for the usual hyperparameters.
 */
final class FlatYaml {
    /** How many skipped lines a result names; the others are counted. */
    private static final int NAMED = 5;

    /**
     * @param settings every key read and its value as written (quotes removed), in file order
     * @param skipped what was left out, each as {@code line 7: betas is a list}
     */
    record Result(Map<String, String> settings, List<String> skipped) {}

    private record Line(int number, int indent, String text) {
        boolean isListItem() {
            return text.equals("-") || text.startsWith("- ");
        }
    }

    private record Level(int indent, String prefix) {}

    private FlatYaml() {}

    static Result parse(String text) {
        List<Line> lines = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].endsWith("\r") ? raw[i].substring(0, raw[i].length() - 1) : raw[i];
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String content = line.substring(indent).stripTrailing();
            if (content.isEmpty()
                    || content.startsWith("#")
                    || indent == 0 && (content.equals("---") || content.equals("..."))) {
                continue;
            }
            if (content.startsWith("\t")) {
                skipped.add("line " + (i + 1) + ": indented with a tab");
                continue;
            }
            lines.add(new Line(i + 1, indent, content));
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Deque<Level> levels = new ArrayDeque<>();
        levels.push(new Level(lines.isEmpty() ? 0 : lines.get(0).indent(), ""));
        int i = 0;
        while (i < lines.size()) {
            Line line = lines.get(i);
            while (levels.size() > 1 && line.indent() < levels.peek().indent()) {
                levels.pop();
            }
            Level level = levels.peek();
            if (line.indent() != level.indent()) {
                skipped.add("line " + line.number() + ": unexpected indentation");
                i = skipDeeper(lines, i + 1, line.indent() - 1);
                continue;
            }
            if (line.isListItem()) {
                skipped.add("line " + line.number() + ": a list item");
                i = skipDeeper(lines, i + 1, line.indent());
                continue;
            }
            String[] keyValue = splitKey(line.text());
            if (keyValue == null) {
                skipped.add("line " + line.number() + ": not a key: value line");
                i = skipDeeper(lines, i + 1, line.indent());
                continue;
            }
            String key = level.prefix() + keyValue[0];
            String value = keyValue[1];
            Line next = i + 1 < lines.size() ? lines.get(i + 1) : null;
            if (value.isEmpty()) {
                if (next != null && next.indent() > line.indent()) {
                    levels.push(new Level(next.indent(), key + "."));
                    i++;
                } else if (next != null && next.indent() == line.indent() && next.isListItem()) {
                    skipped.add("line " + line.number() + ": " + key + " is a list");
                    i++;
                    while (i < lines.size()
                            && (lines.get(i).indent() > line.indent()
                                    || lines.get(i).indent() == line.indent()
                                            && lines.get(i).isListItem())) {
                        i++;
                    }
                } else {
                    settings.put(key, "");
                    i++;
                }
                continue;
            }
            String scalar = scalar(value);
            if (scalar == null) {
                skipped.add("line " + line.number() + ": " + key + " is " + kindOf(value));
                i = skipDeeper(lines, i + 1, line.indent());
                continue;
            }
            i++;
            if (i < lines.size() && lines.get(i).indent() > line.indent()) {
                skipped.add("line " + line.number() + ": " + key + " is continued on the next line");
                i = skipDeeper(lines, i, line.indent());
                continue;
            }
            settings.put(key, scalar);
        }
        return new Result(settings, named(skipped));
    }

    /** The index of the first line from {@code from} on that is not indented deeper than {@code indent}. */
    private static int skipDeeper(List<Line> lines, int from, int indent) {
        int i = from;
        while (i < lines.size() && lines.get(i).indent() > indent) {
            i++;
        }
        return i;
    }

    /** {@code [key, value]} of a {@code key: value} or {@code key:} line; null when it is neither. */
    private static String[] splitKey(String text) {
        String key;
        int rest;
        if (text.startsWith("'") || text.startsWith("\"")) {
            char quote = text.charAt(0);
            int close = text.indexOf(quote, 1);
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                return null;
            }
            key = text.substring(1, close);
            rest = close + 2;
        } else {
            int colon = text.indexOf(": ");
            if (colon < 0 && text.endsWith(":")) {
                colon = text.length() - 1;
            }
            if (colon <= 0 || text.startsWith("? ") || text.startsWith("{") || text.startsWith("[")) {
                return null;
            }
            key = text.substring(0, colon);
            rest = colon + 1;
        }
        if (rest < text.length() && text.charAt(rest) != ' ') {
            return null;
        }
        String value = rest >= text.length() ? "" : text.substring(rest).strip();
        if (value.startsWith("#")) {
            value = "";
        }
        return new String[] {key, value};
    }

    /** The text of a scalar value as written, quotes removed; null when it is not a plain scalar. */
    private static String scalar(String value) {
        char first = value.charAt(0);
        if (first == '\'') {
            int end = value.lastIndexOf('\'');
            if (end == 0 || !afterIsComment(value, end + 1)) {
                return null;
            }
            return value.substring(1, end).replace("''", "'");
        }
        if (first == '"') {
            return doubleQuoted(value);
        }
        if (first == '|' || first == '>' || first == '!' || first == '&' || first == '*' || first == '%') {
            return null;
        }
        int comment = value.indexOf(" #");
        return comment >= 0 ? value.substring(0, comment).stripTrailing() : value;
    }

    private static boolean afterIsComment(String value, int from) {
        String after = value.substring(from).strip();
        return after.isEmpty() || after.startsWith("#");
    }

    /** A double-quoted scalar with the common escapes; null for one it cannot read whole. */
    private static String doubleQuoted(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return afterIsComment(value, i + 1) ? out.toString() : null;
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= value.length()) {
                return null;
            }
            switch (value.charAt(i)) {
                case '"' -> out.append('"');
                case '\\' -> out.append('\\');
                case '/' -> out.append('/');
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                case ' ' -> out.append(' ');
                default -> {
                    return null;
                }
            }
        }
        return null;
    }

    private static String kindOf(String value) {
        return switch (value.charAt(0)) {
            case '|', '>' -> "a block of text";
            case '!' -> "a tagged value (" + value.split(" ", 2)[0] + ")";
            case '&', '*' -> "an anchor or alias";
            case '\'', '"' -> "a quoted value this reader cannot read";
            default -> "a YAML directive";
        };
    }

    private static List<String> named(List<String> skipped) {
        if (skipped.size() <= NAMED) {
            return skipped;
        }
        List<String> out = new ArrayList<>(skipped.subList(0, NAMED));
        out.add("and " + (skipped.size() - NAMED) + " more");
        return out;
    }
}
