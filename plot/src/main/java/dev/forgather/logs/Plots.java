package dev.forgather.logs;

import dev.forgather.logs.compare.Band;
import dev.forgather.logs.compare.SeedGroups;
import dev.forgather.logs.io.OutputRefusedException;
import dev.forgather.logs.io.OutputTarget;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.plot.ChartWriter;
import dev.forgather.logs.plot.GroupChart;
import dev.forgather.logs.plot.LossCurvesChart;
import dev.forgather.logs.plot.MetricsChart;
import dev.forgather.logs.plot.PlotFormat;
import dev.forgather.logs.plot.PlotOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The library's charts: the two plots of {@code forgather logs plot}, written as PNG (300 dpi),
 * SVG or PDF. The command line is a thin layer over these two methods.
 *
 * <pre>{@code
 * List<TrainingLog> runs = List.of(TrainingLogs.load(Path.of("output_models/tiny_gpt/runs/a")),
 *         TrainingLogs.load(Path.of("output_models/tiny_gpt/runs/b")));
 * Plots.metrics(runs, PlotOptions.defaults().withSmoothWindow(10), Path.of("tmp/training_plot.png"));
 * Plots.lossCurves(runs, PlotOptions.defaults(), Path.of("tmp/loss_curves.pdf"));
 * }</pre>
 *
 * <p>The file's format follows its name when it ends in {@code .png}, {@code .svg} or {@code .pdf}
 * (any case), else {@link PlotOptions#format()}. Parent folders are created; the file is written
 * to a temporary file and moved into place, so a failure leaves no partial chart. A file that is
 * one of the logs drawn, or any training log, is refused ({@link Outputs#target}).
 */
public final class Plots {
    private Plots() {}

    /**
     * Draws the metrics chart of {@code logs} to {@code out}: one panel per metric of
     * {@link PlotOptions#metrics()}, one line per run.
     *
     * @throws IllegalArgumentException when {@code logs} is empty
     * @throws OutputRefusedException when {@code out} is a log
     * @throws IOException when {@code out} cannot be written
     */
    public static void metrics(List<TrainingLog> logs, PlotOptions options, Path out) throws IOException {
        metrics(logs, options, Outputs.targetFor(out, logs));
    }

    /** {@link #metrics(List, PlotOptions, Path)} to a target already checked by {@link Outputs#target}. */
    public static void metrics(List<TrainingLog> logs, PlotOptions options, OutputTarget out) throws IOException {
        ChartWriter.write(MetricsChart.build(logs, options), formatOf(out.path(), options), out);
    }

    /**
     * Draws the loss-curves chart of {@code logs} to {@code out}: for one run, training and
     * evaluation loss with the learning rate on a second axis; for several, a Train Loss and an
     * Eval Loss panel. {@link PlotOptions#metrics()} is not used.
     *
     * @throws IllegalArgumentException when {@code logs} is empty
     * @throws OutputRefusedException when {@code out} is a log
     * @throws IOException when {@code out} cannot be written
     */
    public static void lossCurves(List<TrainingLog> logs, PlotOptions options, Path out) throws IOException {
        lossCurves(logs, options, Outputs.targetFor(out, logs));
    }

    /** {@link #lossCurves(List, PlotOptions, Path)} to a target already checked by {@link Outputs#target}. */
    public static void lossCurves(List<TrainingLog> logs, PlotOptions options, OutputTarget out) throws IOException {
        ChartWriter.write(LossCurvesChart.build(logs, options), formatOf(out.path(), options), out);
    }

    /**
     * Draws seed groups to {@code out}: the metrics chart with, per group, its mean curve over a
     * shaded {@code band}, the members aligned on the union of their steps by linear interpolation.
     * {@link PlotOptions#baseline()} names the group drawn dashed; labels are not used (a group is
     * named by its key and size).
     *
     * @throws IllegalArgumentException when {@code groups} is empty or the x axis is not steps
     * @throws OutputRefusedException when {@code out} is a log
     * @throws IOException when {@code out} cannot be written
     */
    public static void groups(List<SeedGroups.Group> groups, Band band, PlotOptions options, Path out)
            throws IOException {
        List<TrainingLog> logs =
                groups.stream().flatMap(g -> g.members().stream()).toList();
        groups(groups, band, options, Outputs.targetFor(out, logs));
    }

    /** {@link #groups(List, Band, PlotOptions, Path)} to a target already checked by {@link Outputs#target}. */
    public static void groups(List<SeedGroups.Group> groups, Band band, PlotOptions options, OutputTarget out)
            throws IOException {
        ChartWriter.write(
                GroupChart.build(groups, band, options.baseline().orElse(-1), options),
                formatOf(out.path(), options),
                out);
    }

    /** The format {@code out} is written in: the one its name ends with, else the options'. */
    public static PlotFormat formatOf(Path out, PlotOptions options) {
        return PlotFormat.ofFileName(out).orElse(options.format());
    }
}
