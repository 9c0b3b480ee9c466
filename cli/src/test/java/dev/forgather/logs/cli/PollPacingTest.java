package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When the live view looks at the logs again. */
class PollPacingTest {
    private static final long MS = 1_000_000;
    private static final long REFRESH = 1_000 * MS;

    @Test
    void theNextPollComesOneRefreshAfterTheLastLessWhatReadingAndDrawingTookAndHalfAsMuchAgain() {
        // A poll at 10 s whose frame was on screen 80 ms later: lead 80 + 40 + 50 = 170 ms, so the
        // next poll at 10.83 s, and a frame up to 120 ms slow still shows the record by 11 s with
        // 50 ms left for the terminal.
        assertThat(new PollPacing(REFRESH).next(10_000 * MS, 10_080 * MS)).isEqualTo(10_830 * MS);
    }

    @Test
    void oneSlowFrameKeepsTheLeadLongForTheNextEightPolls() {
        PollPacing pacing = new PollPacing(REFRESH);
        long start = 0;
        assertThat(pacing.next(start, start + 200 * MS)).isEqualTo(start + 650 * MS);
        for (int poll = 1; poll < PollPacing.REMEMBERED; poll++) {
            start += 700 * MS;
            assertThat(pacing.next(start, start + 20 * MS)).as("poll %d", poll).isEqualTo(start + 650 * MS);
        }
        start += 700 * MS;
        // The slow one is now nine polls back: the lead is the fast frames' 20 + 10 + 50 ms.
        assertThat(pacing.next(start, start + 20 * MS)).isEqualTo(start + 920 * MS);
    }

    @Test
    void aSlowFrameNeverMakesThePollsMoreThanTwiceAsFrequentAsTheRefreshSays() {
        assertThat(new PollPacing(REFRESH).next(0, 900 * MS)).isEqualTo(500 * MS);
        assertThat(new PollPacing(200 * MS).next(0, 5_000 * MS)).isEqualTo(100 * MS);
    }

    @Test
    void aClockThatDidNotMoveLeavesARefreshLessTheMargin() {
        assertThat(new PollPacing(REFRESH).next(7 * MS, 7 * MS)).isEqualTo(957 * MS);
    }
}
