package dev.forgather.logs.plot;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.AbstractXYDataset;

/**
 * The lines of one panel as JFreeChart reads them: a view over {@link XYColumns}' primitive arrays,
 * as {@code DefaultXYDataset} is over {@code double[][]}. Renderers read {@code getXValue} and
 * {@code getYValue}, so no point is ever boxed (an {@code XYSeries} would box every x and y).
 */
final class SeriesDataset extends AbstractXYDataset {
    private final List<String> keys = new ArrayList<>();
    private final List<XYColumns> lines = new ArrayList<>();

    /** Adds a line and returns its series index; {@code key} is its legend label. */
    int add(String key, XYColumns line) {
        keys.add(key);
        lines.add(line);
        return keys.size() - 1;
    }

    XYColumns line(int series) {
        return lines.get(series);
    }

    @Override
    public int getSeriesCount() {
        return keys.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return keys.get(series);
    }

    @Override
    public int getItemCount(int series) {
        return lines.get(series).size();
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return lines.get(series).x()[item];
    }

    @Override
    public double getYValue(int series, int item) {
        return lines.get(series).y()[item];
    }
}
