package dev.forgather.logs.plot;

import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.AbstractIntervalXYDataset;

/**
 * Seed groups' mean curves with their bands as JFreeChart's {@code DeviationRenderer} reads them:
 * y is the mean, start and end y the band's edges. A view over primitive arrays, like
 * {@link SeriesDataset}; nothing is boxed.
 */
final class BandDataset extends AbstractIntervalXYDataset {
    /** One group's points, already reduced for drawing. */
    record Curve(String key, double[] x, double[] mean, double[] lower, double[] upper) {}

    private final List<Curve> curves = new ArrayList<>();

    int add(Curve curve) {
        curves.add(curve);
        return curves.size() - 1;
    }

    @Override
    public int getSeriesCount() {
        return curves.size();
    }

    @Override
    public Comparable<String> getSeriesKey(int series) {
        return curves.get(series).key();
    }

    @Override
    public int getItemCount(int series) {
        return curves.get(series).x().length;
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        return curves.get(series).x()[item];
    }

    @Override
    public Number getY(int series, int item) {
        return getYValue(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return curves.get(series).mean()[item];
    }

    @Override
    public Number getStartX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getEndX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public Number getStartY(int series, int item) {
        return getStartYValue(series, item);
    }

    @Override
    public double getStartYValue(int series, int item) {
        return curves.get(series).lower()[item];
    }

    @Override
    public Number getEndY(int series, int item) {
        return getEndYValue(series, item);
    }

    @Override
    public double getEndYValue(int series, int item) {
        return curves.get(series).upper()[item];
    }
}
