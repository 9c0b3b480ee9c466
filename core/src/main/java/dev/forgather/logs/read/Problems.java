package dev.forgather.logs.read;

import com.fasterxml.jackson.core.JsonLocation;
import dev.forgather.logs.io.IoProblems;
import dev.forgather.logs.model.LogReadException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns I/O failures into the one-line problems users see. */
final class Problems {
    private Problems() {}

    /** A problem at a place in a JSON file, or in the file as a whole when the place is unknown. */
    static LogReadException at(Path file, JsonLocation where, String problem) {
        if (where == null || where.getLineNr() < 1) {
            return new LogReadException(file, problem);
        }
        return new LogReadException(file, where.getLineNr(), where.getColumnNr(), problem);
    }

    private static final Pattern CONTROL = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern CHARACTER = Pattern.compile("^Unexpected character \\('(.+?)' \\(code [^)]*\\)\\)");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape '(.+?)'");
    private static final Pattern UTF8 = Pattern.compile("^Invalid UTF-8 (?:start|middle) byte (0x[0-9a-fA-F]+)");
    private static final Pattern TOKEN = Pattern.compile("^Unrecognized token '(.*?)'");
    private static final Pattern LIMIT = Pattern.compile("\\((?:the )?(?:maximum )?(?:allowed )?\\(?(\\d+)");
    private static final Pattern CLOSE = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");

    /**
     * A JSON parser's message (Jackson's first line, without its location) in our words: no
     * {@code CTRL-CHAR}, {@code StreamReadConstraints} or other parser wording reaches a user.
     */
    static String json(String message) {
        if (message == null || message.isBlank()) {
            return "invalid JSON";
        }
        int cut = message.indexOf('\n');
        String m = (cut >= 0 ? message.substring(0, cut) : message).strip();
        Matcher control = CONTROL.matcher(m);
        if (control.find()) {
            String b = String.format(Locale.ROOT, "0x%02x", Integer.parseInt(control.group(1)));
            if (m.contains("in name")) {
                return "control character " + b + " in a key";
            }
            if (m.contains("string value")) {
                return "control character " + b + " in a string";
            }
            return "unexpected control character " + b;
        }
        Matcher match;
        if ((match = CHARACTER.matcher(m)).find()) {
            return "unexpected character '" + match.group(1) + "'";
        }
        if ((match = ESCAPE.matcher(m)).find()) {
            return "unknown escape '\\" + match.group(1) + "' in a string";
        }
        if ((match = UTF8.matcher(m)).find()) {
            return "invalid UTF-8 (byte " + match.group(1).toLowerCase(Locale.ROOT) + ")";
        }
        if (m.startsWith("Invalid UTF-8")) {
            return "invalid UTF-8";
        }
        if ((match = TOKEN.matcher(m)).find()) {
            String token = match.group(1);
            return token.length() > 40
                    ? "unexpected text '" + token.substring(0, 40) + "...'"
                    : "unexpected text '" + token + "'";
        }
        if ((match = CLOSE.matcher(m)).find()) {
            return "unexpected '" + match.group(1) + "' where '" + match.group(2) + "' should close";
        }
        if (m.contains("StreamReadConstraints") || m.contains("exceeds the maximum")) {
            Matcher limit = LIMIT.matcher(m.substring(m.indexOf("exceeds") < 0 ? 0 : m.indexOf("exceeds")));
            String n = limit.find() ? limit.group(1) : null;
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.startsWith("number")) {
                return n == null ? "a number too long to read" : "a number longer than " + n + " characters";
            }
            if (lower.startsWith("string")) {
                return n == null ? "a string too long to read" : "a string longer than " + n + " characters";
            }
            if (lower.startsWith("name")) {
                return n == null ? "a key too long to read" : "a key longer than " + n + " characters";
            }
            if (lower.contains("nesting depth")) {
                return n == null ? "nested too deeply" : "nested more than " + n + " levels deep";
            }
            return "a value too large to read";
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "unexpected end of file";
        }
        if (m.startsWith("Leading zeroes")) {
            return "a number with leading zeros";
        }
        if (m.startsWith("Numeric value") && m.contains("out of range")) {
            return "a number out of range";
        }
        if (m.startsWith("Invalid numeric value") || m.startsWith("Non-standard token")) {
            return "not a valid number";
        }
        if (m.startsWith("Was expecting double-quote")) {
            return "expected a key in double quotes";
        }
        if (m.startsWith("Was expecting a colon")) {
            return "expected ':' after a key";
        }
        // Anything else: the parser's words up to its first explanation, with its codes removed.
        m = m.replaceAll("\\s*\\(code [^)]*\\)", "").replaceAll("`[^`]*`", "").replaceAll("\\(for .*", "");
        int colon = m.indexOf(": ");
        if (colon > 0) {
            m = m.substring(0, colon);
        }
        m = m.strip();
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        if (m.isEmpty()) {
            return "invalid JSON";
        }
        return Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /**
     * {@code file} could not be read: the reason in the words {@link IoProblems} gives every I/O
     * failure, keeping {@code e} as the cause for {@code FORGATHER_DEBUG=1}.
     */
    static LogReadException of(Path file, IOException e) {
        String reason = IoProblems.reason(e);
        return new LogReadException(file, e instanceof FileSystemException ? reason : "cannot read: " + reason, e);
    }
}
