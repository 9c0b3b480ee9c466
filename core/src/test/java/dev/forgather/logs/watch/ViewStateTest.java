package dev.forgather.logs.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ViewStateTest {
    private final ViewState start = ViewState.start(0, false, WatchAxis.STEP);

    @Test
    void sCyclesSmoothingThroughOffFiveTenTwentyFifty() {
        ViewState s = start;
        int[] seen = new int[6];
        for (int i = 0; i < 6; i++) {
            s = s.apply(Key.SMOOTHING, 3);
            seen[i] = s.smoothing();
        }
        assertThat(seen).containsExactly(5, 10, 20, 50, 0, 5);
        // A --smooth that is not on the cycle goes on to the next larger window.
        assertThat(ViewState.start(7, false, WatchAxis.STEP)
                        .apply(Key.SMOOTHING, 3)
                        .smoothing())
                .isEqualTo(10);
    }

    @Test
    void lToggleLogScaleAndXCyclesTheAxes() {
        assertThat(start.apply(Key.LOG_SCALE, 3).logScale()).isTrue();
        assertThat(start.apply(Key.LOG_SCALE, 3).apply(Key.LOG_SCALE, 3).logScale())
                .isFalse();
        assertThat(start.apply(Key.X_AXIS, 3).axis()).isEqualTo(WatchAxis.EPOCH);
        assertThat(start.apply(Key.X_AXIS, 3).apply(Key.X_AXIS, 3).axis()).isEqualTo(WatchAxis.TIME);
        assertThat(start.apply(Key.X_AXIS, 3)
                        .apply(Key.X_AXIS, 3)
                        .apply(Key.X_AXIS, 3)
                        .axis())
                .isEqualTo(WatchAxis.STEP);
    }

    @Test
    void mCyclesGridRowsThenEachMetricAlone() {
        ViewState s = start;
        int[] layouts = new int[6];
        for (int i = 0; i < 6; i++) {
            s = s.apply(Key.LAYOUT, 3);
            layouts[i] = s.layout();
        }
        assertThat(layouts)
                .containsExactly(ViewState.LAYOUT_ROWS, 2, 3, 4, ViewState.LAYOUT_GRID, ViewState.LAYOUT_ROWS);
        assertThat(start.apply(Key.LAYOUT, 1).layout()).isEqualTo(ViewState.LAYOUT_GRID);
    }

    @Test
    void zoomHalvesTheWindowAndPanMovesItBackWithoutLeavingTheData() {
        assertThat(start.window(0, 1000)).containsExactly(0, 1000);
        ViewState zoomed = start.apply(Key.ZOOM_IN, 3);
        assertThat(zoomed.window(0, 1000)).containsExactly(500, 1000);
        ViewState left = zoomed.apply(Key.PAN_LEFT, 3);
        assertThat(left.window(0, 1000)).containsExactly(375, 875);
        ViewState farLeft = left;
        for (int i = 0; i < 10; i++) {
            farLeft = farLeft.apply(Key.PAN_LEFT, 3);
        }
        assertThat(farLeft.window(0, 1000)).containsExactly(0, 500);
        assertThat(farLeft.apply(Key.PAN_RIGHT, 3).window(0, 1000)).containsExactly(125, 625);
        assertThat(start.apply(Key.ZOOM_OUT, 3).window(0, 1000)).containsExactly(0, 1000);
        assertThat(farLeft.apply(Key.ZOOM_OUT, 3).window(0, 1000)).containsExactly(0, 1000);
    }

    @Test
    void rResetsTheViewButNotThePause() {
        ViewState changed = start.apply(Key.ZOOM_IN, 3)
                .apply(Key.LOG_SCALE, 3)
                .apply(Key.SMOOTHING, 3)
                .apply(Key.LAYOUT, 3)
                .apply(Key.X_AXIS, 3)
                .apply(Key.PAUSE, 3);
        ViewState reset = changed.apply(Key.RESET, 3);
        assertThat(reset.paused()).isTrue();
        assertThat(reset.apply(Key.PAUSE, 3).window(0, 10)).containsExactly(0, 10);
        assertThat(reset.smoothing()).isZero();
        assertThat(reset.logScale()).isFalse();
        assertThat(reset.layout()).isEqualTo(ViewState.LAYOUT_GRID);
        assertThat(reset.axis()).isEqualTo(WatchAxis.STEP);
        assertThat(reset.zoom()).isEqualTo(1);
    }

    @Test
    void keysAreTheDocumentedCharacters() {
        assertThat(Key.ofChar('q')).hasValue(Key.QUIT);
        assertThat(Key.ofChar('s')).hasValue(Key.SMOOTHING);
        assertThat(Key.ofChar('l')).hasValue(Key.LOG_SCALE);
        assertThat(Key.ofChar('m')).hasValue(Key.LAYOUT);
        assertThat(Key.ofChar('x')).hasValue(Key.X_AXIS);
        assertThat(Key.ofChar('+')).hasValue(Key.ZOOM_IN);
        assertThat(Key.ofChar('-')).hasValue(Key.ZOOM_OUT);
        assertThat(Key.ofChar(' ')).hasValue(Key.PAUSE);
        assertThat(Key.ofChar('r')).hasValue(Key.RESET);
        assertThat(Key.ofChar('z')).isEmpty();
    }
}
