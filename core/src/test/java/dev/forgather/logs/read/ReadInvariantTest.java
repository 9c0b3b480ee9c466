package dev.forgather.logs.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.TrainingLogs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The fuzz tests' oracle is right: parser wording is a leak, the user's own quoted text is not. */
class ReadInvariantTest {
    private static final FuzzFiles FILES = new FuzzFiles("read-invariant");

    @Test
    void parserWordingQuotedFromTheInputIsTheUsersText() {
        Path file = FILES.write("quoted/trainer_logs.json", bytes("[{\"loss\": StreamReadConstraints}]"));
        assertThatThrownBy(() -> TrainingLogs.load(file))
                .hasMessage(file + ": line 1, column 11: unexpected text 'StreamReadConstraints'");

        assertThat(ReadInvariant.load(file, FILES.dir(), 1)).isEmpty();
    }

    @Test
    void aLongQuoteCutShortAndAQuoteInsideTheUsersTextStillCount() {
        FILES.write("long/trainer_logs.json", bytes("[{\"loss\": it'sAnExceptionalValueThatGoesOnAndOnAndOnForEver}]"));
        Path dir = FILES.dir();
        ReadInvariant.assertOneLineInOurWords(
                dir + "/long/trainer_logs.json: unexpected text 'it'sAnExceptionalValueThatGoesOnAndOnAndOnF...'", dir);
    }

    @Test
    void parserWordingOutsideAQuoteOrNotFromTheInputIsALeak() {
        FILES.write("leak/trainer_logs.json", bytes("[{\"loss\": 1}]"));
        Path dir = FILES.dir();
        assertThatThrownBy(() -> ReadInvariant.assertOneLineInOurWords(
                        dir + "/leak/trainer_logs.json: StreamReadConstraints violated", dir))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("in our words");
        assertThatThrownBy(() -> ReadInvariant.assertOneLineInOurWords(
                        dir + "/leak/trainer_logs.json: unexpected text '((CTRL-CHAR, code 0))'", dir))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("in our words");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
