package dev.forgather.logs.plot;

import java.awt.Color;
import java.awt.Shape;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * The lines of one plot's dataset, collected before drawing so that faint raw series go under
 * every bold line: matplotlib draws in call order, JFreeChart in series order.
 */
final class PanelLines {
    /** How one line is drawn. */
    private record Line(
            String key, XYColumns points, Color color, Stroke stroke, boolean inLegend, Optional<Shape> marker) {}

    private final List<Line> under = new ArrayList<>();
    private final List<Line> over = new ArrayList<>();

    /**
     * Adds a run's trace: with smoothing, its raw line faint underneath (not in the legend) and the
     * smoothed line bold on top; without, the raw line alone, with {@code marker} at each point if given.
     */
    void add(String key, Trace trace, Color color, Stroke stroke, Optional<Shape> marker) {
        add(key, trace, color, stroke, marker, false);
    }

    /** As {@link #add(String, Trace, Color, Stroke, Optional)}; {@code dashed} draws the smoothed line dashed too. */
    void add(String key, Trace trace, Color color, Stroke stroke, Optional<Shape> marker, boolean dashed) {
        if (!trace.isVisible()) {
            return;
        }
        if (trace.smoothed().isPresent()) {
            under.add(new Line(
                    key + " (raw)",
                    trace.raw(),
                    ChartLook.faint(color),
                    ChartLook.line(ChartLook.RAW_WIDTH),
                    false,
                    Optional.empty()));
            Stroke bold =
                    dashed ? ChartLook.dashed(ChartLook.SMOOTHED_WIDTH) : ChartLook.line(ChartLook.SMOOTHED_WIDTH);
            over.add(new Line(key, trace.smoothed().get(), color, bold, true, marker));
        } else {
            // A lone point has no line to show; give it a marker so it is seen.
            Optional<Shape> shape =
                    marker.isEmpty() && trace.raw().size() == 1 ? Optional.of(ChartLook.marker(5)) : marker;
            over.add(new Line(key, trace.raw(), color, stroke, true, shape));
        }
    }

    boolean isEmpty() {
        return over.isEmpty();
    }

    /** Puts the lines into {@code plot} as dataset {@code index}, with their renderer. */
    void addTo(XYPlot plot, int index) {
        SeriesDataset dataset = new SeriesDataset();
        XYLineAndShapeRenderer renderer = ChartLook.lineRenderer();
        List<Line> all = new ArrayList<>(under);
        all.addAll(over);
        for (Line line : all) {
            int series = dataset.add(line.key(), line.points());
            renderer.setSeriesPaint(series, line.color());
            renderer.setSeriesStroke(series, line.stroke());
            renderer.setSeriesVisibleInLegend(series, line.inLegend());
            if (line.marker().isPresent()) {
                renderer.setSeriesShape(series, line.marker().get());
                renderer.setSeriesShapesVisible(series, true);
                renderer.setSeriesShapesFilled(series, true);
            }
        }
        plot.setDataset(index, dataset);
        plot.setRenderer(index, renderer);
    }
}
