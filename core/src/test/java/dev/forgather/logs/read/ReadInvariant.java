package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.TrainingLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * What every reader promises on any input, asserted by every fuzz test: it returns records, at
 * most as many as the input holds, with at most one warning line; or it throws
 * {@link LogReadException} with one line in our words that names the file. Never any other
 * exception, never a hang: a read that takes longer than {@link #LIMIT_SECONDS} fails (the first
 * read of a JVM gets {@link #FIRST_LIMIT_SECONDS}: when fuzzing, Jazzer instruments every class it
 * loads, which on a loaded machine took over three minutes).
 */
final class ReadInvariant {
    static final int LIMIT_SECONDS = 30;
    static final int FIRST_LIMIT_SECONDS = 600;
    private static boolean warm;

    /** Parser wording that must never reach a user (issue 8, item 11). */
    private static final List<String> PARSER_WORDING = List.of(
            "StreamReadConstraints",
            "CTRL-CHAR",
            "Exception",
            "com.fasterxml",
            "com.google",
            "JsonToken",
            "was expecting",
            "Source:",
            "(code ",
            "protocol message",
            "[sqlite",
            "sql error",
            "Protocol message");

    private static ExecutorService reader = newReader();

    private ReadInvariant() {}

    private static ExecutorService newReader() {
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fuzz-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Loads {@code path} the way the command line does, checking the invariant; empty when it is refused. */
    static Optional<TrainingLog> load(Path path, Path dir, long maxRecords) {
        return check(() -> TrainingLogs.load(path), dir, maxRecords);
    }

    /**
     * Runs {@code read}, checking the invariant: the log it returns has at most {@code maxRecords}
     * records and at most one one-line warning naming a file under {@code dir}; or it throws a
     * one-line {@link LogReadException} naming such a file.
     */
    static Optional<TrainingLog> check(Callable<TrainingLog> read, Path dir, long maxRecords) {
        Future<TrainingLog> result = reader.submit(read);
        TrainingLog log;
        try {
            log = result.get(warm ? LIMIT_SECONDS : FIRST_LIMIT_SECONDS, TimeUnit.SECONDS);
            warm = true;
        } catch (TimeoutException e) {
            result.cancel(true);
            reader.shutdownNow();
            reader = newReader();
            throw new AssertionError("the reader hangs: no result after " + LIMIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            warm = true;
            Throwable cause = e.getCause();
            if (cause instanceof LogReadException refused) {
                assertOneLineInOurWords(refused.getMessage(), dir);
                assertThat(refused.problem()).isNotBlank();
                return Optional.empty();
            }
            throw new AssertionError("the reader threw " + cause, cause);
        }
        assertThat((long) log.recordCount()).as("records read").isLessThanOrEqualTo(maxRecords);
        assertThat(log.warnings()).as("warnings").hasSizeLessThanOrEqualTo(1);
        for (String warning : log.warnings()) {
            assertOneLineInOurWords(warning, dir);
        }
        return Optional.of(log);
    }

    /**
     * Asserts that {@code message} is one line naming a file under {@code dir}, then the problem in
     * our words. Parser wording may appear only as the user's own text: inside single quotes (the
     * way every message quotes input, e.g. {@code unexpected text 'StreamReadConstraints'}, a long
     * quote cut with {@code ...}) and only when the quoted text is in the input, the files under
     * {@code dir}.
     */
    static void assertOneLineInOurWords(String message, Path dir) {
        assertThat(message).as("message").startsWith(dir.toString()).doesNotContain("\n", "\r");
        String problem = message.substring(dir.toString().length());
        String input = null;
        for (String word : PARSER_WORDING) {
            for (int at = problem.indexOf(word); at >= 0; at = problem.indexOf(word, at + 1)) {
                if (input == null) {
                    input = inputText(dir);
                }
                assertThat(quotesInput(problem, at, at + word.length(), input))
                        .as("message in our words, '%s' only inside a quote of the input: %s", word, message)
                        .isTrue();
            }
        }
        int colon = message.indexOf(": ", dir.toString().length());
        assertThat(colon)
                .as("message names the file, then the problem: %s", message)
                .isPositive();
        char first = message.charAt(colon + 2);
        assertThat(Character.isUpperCase(first))
                .as("problem starts lowercase: %s", message)
                .isFalse();
    }

    /**
     * Whether {@code text[from, to)} lies inside a single-quoted part of {@code text} whose content
     * (less a trailing {@code ...}) occurs in {@code input}. Every pair of quotes around it is tried,
     * so a quote inside the user's text does not mislead.
     */
    static boolean quotesInput(String text, int from, int to, String input) {
        for (int open = text.lastIndexOf('\'', from - 1); open >= 0; open = text.lastIndexOf('\'', open - 1)) {
            for (int close = text.indexOf('\'', to); close >= 0; close = text.indexOf('\'', close + 1)) {
                String quoted = text.substring(open + 1, close);
                if (quoted.endsWith("...")) {
                    quoted = quoted.substring(0, quoted.length() - 3);
                }
                if (input.contains(quoted)) {
                    return true;
                }
            }
            if (open == 0) {
                break;
            }
        }
        return false;
    }

    /** Every file under {@code dir}, as UTF-8 and as Latin-1 text: what a message may quote. */
    private static String inputText(Path dir) {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                text.append(new String(bytes, StandardCharsets.UTF_8))
                        .append('\0')
                        .append(new String(bytes, StandardCharsets.ISO_8859_1))
                        .append('\0');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    /** How many times {@code b} occurs in {@code data}: a bound on records that each need one. */
    static long count(byte[] data, char b) {
        long n = 0;
        for (byte x : data) {
            if (x == b) {
                n++;
            }
        }
        return n;
    }
}
