package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the live view looks at the logs again. */
class TerminalViewTest {
    private static final long MS = 1_000_000;

    @Test
    void theNextPollComesOneRefreshAfterTheLastLessWhatReadingAndDrawingTook() {
        // A poll at 10 s whose frame was on screen 80 ms later: the next at 10.92 s, so that a
        // record flushed just after the read is on screen by 10.92 + 0.08 = 11 s, one refresh on.
        assertThat(TerminalView.nextPoll(10_000 * MS, 10_080 * MS, 1_000 * MS)).isEqualTo(10_920 * MS);
    }

    @Test
    void aSlowFrameNeverMakesThePollsMoreThanTwiceAsFrequentAsTheRefreshSays() {
        assertThat(TerminalView.nextPoll(0, 900 * MS, 1_000 * MS)).isEqualTo(500 * MS);
        assertThat(TerminalView.nextPoll(0, 5_000 * MS, 200 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void aClockThatDidNotMoveLeavesAWholeRefresh() {
        assertThat(TerminalView.nextPoll(7 * MS, 7 * MS, 1_000 * MS)).isEqualTo(1_007 * MS);
    }
}
