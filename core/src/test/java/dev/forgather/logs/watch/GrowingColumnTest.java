package dev.forgather.logs.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A growing column's views are snapshots: what is appended later is not part of them. */
class GrowingColumnTest {
    @Test
    void aViewDoesNotSeeValuesAppendedAfterIt() {
        GrowingColumn column = new GrowingColumn(8);
        column.append(1);
        column.append(2);
        GrowingColumn.View before = column.view();
        column.append(3);
        assertThat(before.length()).isEqualTo(2);
        assertThat(before.get(1)).isEqualTo(2);
        assertThatThrownBy(() -> before.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(column.view().get(2)).isEqualTo(3);
    }

    @Test
    void appendingWithinTheCapacityCopiesNothing() {
        GrowingColumn column = new GrowingColumn(8);
        column.append(1);
        GrowingColumn.View before = column.view();
        column.append(2);
        // The same array, one more entry past the old view's end.
        assertThat(column.view().values()).isSameAs(before.values());
    }

    @Test
    void growingBeyondTheCapacityKeepsEveryValueAndLeavesOldViewsAsTheyWere() {
        GrowingColumn column = new GrowingColumn(4);
        for (int i = 0; i < 4; i++) {
            column.append(i);
        }
        GrowingColumn.View full = column.view();
        for (int i = 4; i < 1000; i++) {
            column.append(i);
        }
        assertThat(full.length()).isEqualTo(4);
        assertThat(full.values()).containsExactly(0, 1, 2, 3);
        GrowingColumn.View now = column.view();
        assertThat(now.length()).isEqualTo(1000);
        assertThat(now.values().length).isGreaterThanOrEqualTo(1000).isLessThan(2048);
        for (int i = 0; i < 1000; i++) {
            assertThat(now.get(i)).isEqualTo(i);
        }
    }
}
