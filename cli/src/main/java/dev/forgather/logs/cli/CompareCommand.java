package dev.forgather.logs.cli;

import dev.forgather.logs.compare.CompareOptions;
import dev.forgather.logs.compare.Comparison;
import dev.forgather.logs.compare.ComparisonFormat;
import dev.forgather.logs.compare.SortKey;
import dev.forgather.logs.compare.Target;
import dev.forgather.logs.model.TrainingLog;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forgather logs compare}: runs against a baseline at equal steps, in one table. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Compare runs with a baseline (the first PATH) at equal steps: final values, deltas, best "
                + "values, time to a target and throughput in one table; --group folds seeds into mean ± std.")
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The baseline first, then the runs compared with it; with --all, the newest is the baseline. */
    @Mixin
    RunSelection runs;

    @Option(
            names = "--metric",
            paramLabel = "NAME",
            split = ",",
            description = "Also compare this metric (repeatable; loss and eval_loss always are).")
    List<String> metrics = new ArrayList<>();

    @Option(
            names = "--maximize",
            paramLabel = "NAME",
            split = ",",
            description = "This metric is better high (e.g. an accuracy); it is compared too.")
    List<String> maximize = new ArrayList<>();

    @Option(
            names = "--target",
            paramLabel = "METRIC=VALUE",
            description =
                    "Time to result: the first step, and seconds, at which METRIC reaches VALUE (e.g. eval_loss=1.9).")
    String target;

    @Option(
            names = "--smooth",
            paramLabel = "N",
            defaultValue = "0",
            description = "Look for the target on the centred moving average over N points (default: raw values).")
    int smooth;

    @Option(
            names = "--group",
            paramLabel = "REGEX",
            arity = "0..1",
            preprocessor = AttachedOnly.class,
            description = "Fold runs whose names are equal once REGEX is removed into one row: mean ± std "
                    + "(default REGEX: [_-]?seed[_-]?\\d+; give another as --group=REGEX).")
    String group;

    @Option(
            names = "--sort",
            paramLabel = "KEY",
            description = "Order the other rows best first by a JSON key such as eval_loss.final or target.seconds.")
    String sort;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Choices.ComparisonFormats.class,
            completionCandidates = Choices.ComparisonFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ComparisonFormat format;

    @Mixin
    OutputOption.ToFileOrStandardOutput output;

    @Override
    public Integer call() throws UserException {
        CompareOptions options = options();
        if (runs.paths.size() < 2 && !runs.all) {
            throw usage("compare needs a baseline and at least one other run, got " + runs.paths.size());
        }
        PrintWriter err = spec.commandLine().getErr();
        RunSelection.Loaded loaded = runs.load();
        List<TrainingLog> logs = loaded.logs();
        if (logs.size() < 2) {
            err.println("error: fewer than two runs left to compare");
            err.flush();
            return ExitStatus.LOG_FAILED;
        }
        warnAboutRecordsWithoutStep(logs, options, err);
        Comparison comparison = Comparison.of(logs.get(0), logs.subList(1, logs.size()), options);
        if (comparison.rows().size() < 2) {
            if (loaded.failed()) {
                err.println("error: fewer than two groups left to compare");
                err.flush();
                return ExitStatus.LOG_FAILED;
            }
            throw usage("the runs form one group only ("
                    + comparison.rows().get(0).run() + "): give runs of at least two groups, or another --group=REGEX");
        }
        if (sort != null) {
            try {
                comparison = SortKey.parse(sort, comparison).sort(comparison);
            } catch (IllegalArgumentException e) {
                throw usage("--sort: " + e.getMessage());
            }
        }
        boolean colour =
                output.file().isEmpty() && format == ComparisonFormat.TEXT && Terminal.colours(System.getenv());
        String text = format.formatter().format(comparison, colour);
        output.print(loaded, text, "Comparison written to: ");
        return loaded.exitStatus();
    }

    /**
     * One line per log some of whose compared records have no global_step: their values count, but
     * not at equal steps, as {@code plot} says of a step axis.
     */
    private static void warnAboutRecordsWithoutStep(List<TrainingLog> logs, CompareOptions options, PrintWriter err) {
        for (TrainingLog log : logs) {
            int count = Comparison.recordsWithoutStep(log, options);
            if (count > 0) {
                err.println("warning: " + log.path() + ": " + count + (count == 1 ? " record" : " records")
                        + " without global_step " + (count == 1 ? "is" : "are") + " not compared at equal steps");
            }
        }
        err.flush();
    }

    private CompareOptions options() {
        if (smooth < 0) {
            throw usage("--smooth must be 0 or more, got " + smooth);
        }
        CompareOptions options = CompareOptions.defaults()
                .withMetrics(names(metrics, "--metric"))
                .withMaximized(new LinkedHashSet<>(names(maximize, "--maximize")))
                .withSmoothWindow(smooth);
        if (target != null) {
            try {
                options = options.withTarget(Target.parse(target));
            } catch (IllegalArgumentException e) {
                throw usage("--target: " + e.getMessage());
            }
        }
        if (group != null) {
            options = options.withGroups(GroupOption.pattern(spec.commandLine(), group));
        }
        return options;
    }

    private List<String> names(List<String> given, String option) {
        List<String> out = new ArrayList<>();
        for (String name : given) {
            String stripped = name.strip();
            if (stripped.isEmpty()) {
                throw usage(option + " names no metric");
            }
            out.add(stripped);
        }
        return out;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * {@code --group} takes a pattern only when attached ({@code --group=REGEX}): in
     * {@code --group run_a_seed1 run_a_seed2} the runs are runs, not a pattern.
     */
    static final class AttachedOnly implements CommandLine.IParameterPreprocessor {
        @Override
        public boolean preprocess(
                Stack<String> args,
                CommandLine.Model.CommandSpec commandSpec,
                CommandLine.Model.ArgSpec argSpec,
                Map<String, Object> info) {
            if (" ".equals(info.get("separator"))) {
                args.push(""); // as if --group= had been given: the default pattern
            }
            return false;
        }
    }
}
