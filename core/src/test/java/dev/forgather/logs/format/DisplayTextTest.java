package dev.forgather.logs.format;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayTextTest {
    @Test
    void widthCountsTerminalColumnsNotUtf16Units() {
        assertThat(DisplayText.width("loss")).isEqualTo(4);
        assertThat(DisplayText.width("日本")).isEqualTo(4);
        assertThat(DisplayText.width("🚀")).isEqualTo(2); // two UTF-16 units, two columns
        assertThat(DisplayText.width("e\u0301")).isEqualTo(1); // e + combining acute
        assertThat(DisplayText.width("rün")).isEqualTo(3);
        assertThat(DisplayText.width("\uD83D\uDC69\u200D\uD83D\uDCBB")).isEqualTo(4); // woman, ZWJ, laptop
    }

    @Test
    void truncateNeverSplitsACharacter() {
        assertThat(DisplayText.truncate("🚀🚀🚀", 5)).isEqualTo("🚀🚀");
        assertThat(DisplayText.truncate("abe\u0301", 3)).isEqualTo("abe\u0301");
        assertThat(DisplayText.truncate("abé日", 4)).isEqualTo("abé");
        assertThat(DisplayText.truncate("short", 30)).isEqualTo("short");
    }

    @Test
    void cellEscapesWhatWouldBreakARow() {
        assertThat(DisplayText.cell("a|b\nc\td\\e\u0007")).isEqualTo("a\\|b\\nc\\td\\\\e\\x07");
        assertThat(DisplayText.cell("训练🚀")).isEqualTo("训练🚀");
    }

    @Test
    void padFillsToColumnsNotCharacters() {
        assertThat(DisplayText.pad("日本", 6)).isEqualTo("日本  ");
        assertThat(DisplayText.pad("toolong", 3)).isEqualTo("toolong");
    }
}
