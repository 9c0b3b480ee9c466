package dev.forgather.logs.cli;

import dev.forgather.logs.Plots;
import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.compare.Band;
import dev.forgather.logs.compare.SeedGroups;
import dev.forgather.logs.model.LogReadException;
import dev.forgather.logs.model.MetricNames;
import dev.forgather.logs.model.Series;
import dev.forgather.logs.model.TrainingLog;
import dev.forgather.logs.plot.PlotFormat;
import dev.forgather.logs.plot.PlotOptions;
import dev.forgather.logs.plot.XAxis;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code forgather logs plot}: draws the metrics chart or the loss-curves chart to a PNG, SVG or
 * PDF file. Never opens a window; {@code -e} hands the file to the user's editor.
 */
@Command(
        name = "plot",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Plot training metrics of one or more runs to a PNG, SVG or PDF file.",
            "It never opens a window: -e opens the file in your editor (VS Code works over SSH)."
        })
final class PlotCommand implements Callable<Integer> {
    @ParentCommand
    LogsCommand logs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunSelection runs;

    @Option(
            names = "--compare",
            paramLabel = "PATH",
            arity = "1..*",
            description = "Runs to compare (the same as naming them as PATHs).")
    List<Path> compare = new ArrayList<>();

    @Option(
            names = "--labels",
            paramLabel = "LABEL",
            arity = "1..*",
            description = "Legend names for the runs, in order (default: model, then run folder).")
    List<String> labels = new ArrayList<>();

    @Option(
            names = "--title",
            paramLabel = "TITLE",
            description = "Figure title (loss curves: instead of Training Progress).")
    String title;

    @Option(
            names = "--metrics",
            paramLabel = "METRIC",
            split = ",",
            description = "Comma-separated metrics, any logged key (default: loss,eval_loss,learning_rate).")
    List<String> metrics = new ArrayList<>();

    @Option(
            names = "--loss-curves",
            description = "Loss curves: train and eval loss with the learning rate on a second axis; "
                    + "Train Loss and Eval Loss panels for several runs.")
    boolean lossCurves;

    @Option(
            names = "--x-axis",
            paramLabel = "AXIS",
            defaultValue = "step",
            converter = Choices.XAxes.class,
            completionCandidates = Choices.XAxes.class,
            description = "Horizontal axis: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; time is minutes "
                    + "since the run's first record).")
    XAxis xAxis;

    @Option(
            names = "--smooth",
            paramLabel = "N",
            defaultValue = "0",
            description = "Centred moving average over N points, drawn bold over the faint raw series.")
    int smooth;

    @Option(names = "--log-scale", description = "Logarithmic y axes.")
    boolean logScale;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "png",
            converter = Choices.PlotFormats.class,
            completionCandidates = Choices.PlotFormats.class,
            description = "File format when --output has no .png/.svg/.pdf ending: ${COMPLETION-CANDIDATES} "
                    + "(default: ${DEFAULT-VALUE}).")
    PlotFormat format;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "FILE",
            description = {
                "Output file; folders are created.",
                "Default: tmp/training_plot.png (named after --metrics or --loss-curves, -t's name in front)."
            })
    String output;

    @Option(
            names = {"-e", "--edit"},
            description = "Open the plot in $VISUAL, $EDITOR or VS Code afterwards.")
    boolean edit;

    @Option(
            names = "--group",
            paramLabel = "REGEX",
            arity = "0..1",
            preprocessor = CompareCommand.AttachedOnly.class,
            description = "Seed groups: runs whose names are equal once REGEX is removed become one mean curve with a "
                    + "shaded band (default REGEX: [_-]?seed[_-]?\\d+; give another as --group=REGEX).")
    String group;

    @Option(
            names = "--band",
            paramLabel = "BAND",
            defaultValue = "std",
            converter = Choices.Bands.class,
            completionCandidates = Choices.Bands.class,
            description =
                    "With --group, the band around each mean: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Band band;

    @Option(
            names = "--baseline",
            paramLabel = "RUN",
            description = "Draw this run (a path or run name; with --group, its group) dashed; a path not among the "
                    + "runs is added first.")
    String baseline;

    @Option(names = "--no-show", description = "Accepted for compatibility: plots are never shown in a window.")
    boolean noShow;

    @Override
    public Integer call() throws UserException {
        if (smooth < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--smooth must be 0 or more, got " + smooth);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> wanted =
                metrics.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        if (!metrics.isEmpty() && wanted.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--metrics names no metric");
        }
        if (output != null) {
            OutputOption.requireFile(spec, "--output", output);
        }
        Pattern groupPattern = groupPattern();
        RunSelection.Loaded result = runs.load(compare);
        List<TrainingLog> loaded = result.logs();
        warnAboutMissingAxis(loaded, err);
        if (loaded.isEmpty()) {
            return ExitStatus.LOG_FAILED;
        }
        warnAboutLabels(result, err);
        List<String> drawn = lossCurves
                ? List.of(MetricNames.LOSS, MetricNames.EVAL_LOSS)
                : !wanted.isEmpty() ? wanted : PlotOptions.defaults().metrics();
        if (!wanted.isEmpty() && !lossCurves) {
            warnAboutMissingMetrics(loaded, wanted, err);
        }
        if (logScale) {
            warnAboutValuesLeftOut(loaded, drawn, err);
        }
        List<String> runLabels = labelsOfLoaded(result.chosen(), result.loadedFrom());
        int baselineIndex = -1;
        if (baseline != null) {
            baselineIndex = indexOf(baseline, loaded, result.loadedFrom());
            if (baselineIndex < 0) {
                TrainingLog extra;
                try {
                    extra = TrainingLogs.load(Path.of(baseline));
                } catch (LogReadException e) {
                    throw new UserException("--baseline: " + e.getMessage());
                }
                loaded = new ArrayList<>(loaded);
                loaded.add(0, extra);
                if (!runLabels.isEmpty()) {
                    runLabels = new ArrayList<>(runLabels);
                    runLabels.add(0, extra.runName());
                }
                baselineIndex = 0;
            }
        }
        if (xAxis == XAxis.STEP) {
            // --group aligns on steps only: no other axis to suggest.
            warnAboutRecordsWithoutStep(
                    loaded, lossCurves ? lossCurveMetrics(loaded.size()) : drawn, groupPattern == null, err);
        }
        PlotOptions options = PlotOptions.defaults()
                .withXAxis(xAxis)
                .withSmoothWindow(smooth)
                .withLogScale(logScale)
                .withLabels(runLabels)
                .withFormat(format);
        List<SeedGroups.Group> groups = List.of();
        if (groupPattern != null) {
            groups = SeedGroups.of(loaded, groupPattern);
            if (baselineIndex >= 0) {
                TrainingLog baselineRun = loaded.get(baselineIndex);
                baselineIndex = -1;
                for (int g = 0; g < groups.size(); g++) {
                    if (groups.get(g).members().contains(baselineRun)) {
                        baselineIndex = g;
                    }
                }
            }
        }
        if (baselineIndex >= 0) {
            options = options.withBaseline(baselineIndex);
        }
        if (!wanted.isEmpty()) {
            options = options.withMetrics(wanted);
        }
        if (title != null) {
            options = options.withTitle(title);
        }
        Path file =
                PlotFileName.resolve(Optional.ofNullable(output), format, lossCurves, metrics, logs.configTemplate());
        Optional<List<SeedGroups.Group>> seedGroups = groupPattern == null ? Optional.empty() : Optional.of(groups);
        OutputOption.write(spec, file, result, drawing(loaded, seedGroups, options, file));
        if (edit) {
            out.println("Opening in editor: " + file);
            out.flush();
            Editor.open(file, System.getenv());
        }
        return result.exitStatus();
    }

    /** Draws the chart to the checked target: the seed groups' with --group. */
    private OutputOption.Writing drawing(
            List<TrainingLog> loaded, Optional<List<SeedGroups.Group>> groups, PlotOptions options, Path file) {
        return target -> {
            PrintWriter out = spec.commandLine().getOut();
            out.println("Plotting " + loaded.size() + " training run(s)"
                    + groups.map(g -> " in " + g.size() + " group(s)").orElse("") + "...");
            out.flush();
            if (groups.isPresent()) {
                Plots.groups(groups.get(), band, options, target);
            } else if (lossCurves) {
                Plots.lossCurves(loaded, options, target);
            } else {
                Plots.metrics(loaded, options, target);
            }
            return "Plot saved to: " + file;
        };
    }

    /** One line when --labels does not name every run once, naming the runs. */
    private void warnAboutLabels(RunSelection.Loaded result, PrintWriter err) {
        int runs = result.chosen().size();
        if (labels.isEmpty() || labels.size() == runs) {
            return;
        }
        List<String> names = result.logs().stream().map(TrainingLog::runName).toList();
        err.println("warning: --labels gives " + labels.size() + " name" + (labels.size() == 1 ? "" : "s") + " for "
                + runs + " run" + (runs == 1 ? "" : "s") + " (" + String.join(", ", names) + "); "
                + (labels.size() < runs ? "the others are named by their folders" : "the extra names are not used"));
        err.flush();
    }

    /** One line for the --metrics no run has, naming the metrics the runs do have. */
    private static void warnAboutMissingMetrics(List<TrainingLog> loaded, List<String> wanted, PrintWriter err) {
        List<String> missing = wanted.stream()
                .filter(m -> loaded.stream().noneMatch(log -> log.has(m)))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        TreeSet<String> available = new TreeSet<>();
        loaded.forEach(log -> available.addAll(log.metricNames()));
        err.println("warning: no run has "
                + String.join(", ", missing.stream().map(m -> "'" + m + "'").toList()) + "; available: "
                + (available.isEmpty() ? "none" : String.join(", ", available)));
        err.flush();
    }

    /** One line per metric whose values a log axis cannot place (0 or less), which are not drawn. */
    private static void warnAboutValuesLeftOut(List<TrainingLog> loaded, List<String> drawn, PrintWriter err) {
        for (String metric : drawn) {
            long left = 0;
            for (TrainingLog log : loaded) {
                Series series = log.series(metric);
                for (int i = 0; i < series.size(); i++) {
                    if (series.value(i) <= 0) {
                        left++;
                    }
                }
            }
            if (left > 0) {
                err.println("warning: --log-scale: " + left + " value" + (left == 1 ? "" : "s") + " of " + metric
                        + (left == 1 ? " is" : " are") + " 0 or less and not drawn");
            }
        }
        err.flush();
    }

    /** The metrics --loss-curves draws: with the learning rate on a second axis for one run. */
    private static List<String> lossCurveMetrics(int runs) {
        return runs == 1
                ? List.of(MetricNames.LOSS, MetricNames.EVAL_LOSS, MetricNames.LEARNING_RATE)
                : List.of(MetricNames.LOSS, MetricNames.EVAL_LOSS);
    }

    /**
     * One line per log some of whose drawn records have no global_step, which a step axis cannot
     * place (the chart leaves them out), suggesting an axis all of those records have when
     * {@code suggest}.
     */
    private static void warnAboutRecordsWithoutStep(
            List<TrainingLog> loaded, List<String> drawn, boolean suggest, PrintWriter err) {
        for (TrainingLog log : loaded) {
            // A record holding several drawn metrics is one record left out, not several.
            BitSet left = new BitSet(log.recordCount());
            for (String metric : drawn) {
                Series series = log.series(metric);
                for (int i = 0; i < series.size(); i++) {
                    if (!series.hasStep(i)) {
                        left.set(series.recordIndex(i));
                    }
                }
            }
            int count = left.cardinality();
            if (count == 0) {
                continue;
            }
            boolean timed =
                    left.stream().allMatch(r -> log.record(r).timestamp().isPresent());
            boolean epochs = left.stream().allMatch(r -> log.record(r).epoch().isPresent());
            String instead = !suggest ? "" : timed ? "; try --x-axis time" : epochs ? "; try --x-axis epoch" : "";
            err.println("warning: " + log.path() + ": " + count + (count == 1 ? " record" : " records")
                    + " without global_step " + (count == 1 ? "is" : "are") + " not plotted against step" + instead);
        }
        err.flush();
    }

    /** The --group pattern, checked against the options it cannot go with; null without --group. */
    private Pattern groupPattern() {
        if (group == null) {
            return null;
        }
        if (lossCurves) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--group draws the metrics chart; it does not go with --loss-curves");
        }
        if (xAxis != XAxis.STEP) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--group aligns runs on their steps; it does not go with --x-axis "
                            + xAxis.name().toLowerCase(java.util.Locale.ROOT));
        }
        return GroupOption.pattern(spec.commandLine(), group);
    }

    /** The run {@code named} by path (as given, or its log file) or by run name; -1 when none is. */
    private static int indexOf(String named, List<TrainingLog> loaded, List<Path> loadedFrom) {
        Path path = Path.of(named).toAbsolutePath().normalize();
        for (int i = 0; i < loaded.size(); i++) {
            if (loadedFrom.get(i).toAbsolutePath().normalize().equals(path)
                    || loaded.get(i).path().toAbsolutePath().normalize().equals(path)) {
                return i;
            }
        }
        for (int i = 0; i < loaded.size(); i++) {
            if (loaded.get(i).runName().equals(named)) {
                return i;
            }
        }
        return -1;
    }

    /** The --labels of the runs that loaded: a run that failed must not pass its label to the next. */
    private List<String> labelsOfLoaded(List<Path> chosen, List<Path> loadedFrom) {
        List<String> kept = new ArrayList<>();
        for (Path path : loadedFrom) {
            int at = chosen.indexOf(path);
            if (at < 0 || at >= labels.size()) {
                break;
            }
            kept.add(labels.get(at));
        }
        return kept;
    }

    /** Says so when a run has nothing to draw against the chosen x axis, instead of a blank panel. */
    private void warnAboutMissingAxis(List<TrainingLog> loaded, PrintWriter err) {
        String field = switch (xAxis) {
            case TIME -> MetricNames.TIME;
            case EPOCH -> MetricNames.EPOCH;
            default -> null;
        };
        if (field == null) {
            return;
        }
        for (TrainingLog log : loaded) {
            if (log.series(field).isEmpty()) {
                err.println("warning: " + log.path() + ": no '" + field + "' in this log: nothing to draw against "
                        + xAxis.label());
            }
        }
        err.flush();
    }
}
