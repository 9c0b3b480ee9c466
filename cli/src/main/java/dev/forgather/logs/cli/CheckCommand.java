package dev.forgather.logs.cli;

import dev.forgather.logs.check.CheckFormat;
import dev.forgather.logs.check.CheckResult;
import dev.forgather.logs.check.Checks;
import dev.forgather.logs.check.ClipSaturation;
import dev.forgather.logs.check.Detector;
import dev.forgather.logs.check.Divergence;
import dev.forgather.logs.check.GradExplosion;
import dev.forgather.logs.check.NonFinite;
import dev.forgather.logs.check.Overfit;
import dev.forgather.logs.check.Plateau;
import dev.forgather.logs.check.Rollback;
import dev.forgather.logs.check.Severity;
import dev.forgather.logs.check.Spike;
import dev.forgather.logs.check.Stalled;
import dev.forgather.logs.check.ThroughputDrop;
import dev.forgather.logs.model.TrainingLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forgather logs check}: is this run healthy? Exit status 3 when a finding is at or above {@code --fail-on}. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        sortOptions = false,
        abbreviateSynopsis = true,
        description = {
            "Check training runs for NaNs, spikes, divergence and other faults (default: the newest log).",
            "Exit status: 0 nothing at or above --fail-on, 1 a log could not be read, 2 usage, 3 a finding at or above --fail-on."
        })
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunSelection runs;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = Choices.CheckFormats.class,
            completionCandidates = Choices.CheckFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CheckFormat format;

    @Option(
            names = "--fail-on",
            paramLabel = "LEVEL",
            defaultValue = "error",
            converter = Choices.FailOnLevels.class,
            completionCandidates = Choices.FailOnLevels.class,
            description = "Exit with status 3 when a finding is at least this bad: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(
            names = "--clip",
            paramLabel = "X",
            description =
                    "The gradient clip (max grad norm) for clip_saturation; default: the run's config (max_grad_norm), else that detector is off.")
    Double clip;

    private final Spike spikeDefaults = Spike.defaults();
    private final Divergence divergenceDefaults = Divergence.defaults();
    private final GradExplosion gradExplosionDefaults = GradExplosion.defaults();
    private final ClipSaturation clipDefaults = ClipSaturation.defaults(OptionalDouble.empty());
    private final Plateau plateauDefaults = Plateau.defaults();
    private final Overfit overfitDefaults = Overfit.defaults();
    private final Stalled stalledDefaults = Stalled.defaults();
    private final ThroughputDrop throughputDefaults = ThroughputDrop.defaults();

    @Option(
            names = "--spike-z",
            paramLabel = "Z",
            description = "spike: robust z above the median (default: ${DEFAULT-VALUE}).")
    double spikeZ = spikeDefaults.z();

    @Option(
            names = "--spike-ratio",
            paramLabel = "X",
            description = "spike: and at least X times the median (default: ${DEFAULT-VALUE}).")
    double spikeRatio = spikeDefaults.minRatio();

    @Option(
            names = "--spike-window",
            paramLabel = "N",
            description = "spike: records the median and MAD are taken over (default: ${DEFAULT-VALUE}).")
    int spikeWindow = spikeDefaults.window();

    @Option(
            names = "--spike-min-history",
            paramLabel = "N",
            description =
                    "spike: records before the first one judged; half in a run shorter than the window (default: ${DEFAULT-VALUE}).")
    int spikeMinHistory = spikeDefaults.minHistory();

    @Option(
            names = "--spike-recovery-ratio",
            paramLabel = "X",
            description = "spike: recovered when back within X times the median before it (default: ${DEFAULT-VALUE}).")
    double spikeRecoveryRatio = spikeDefaults.recoveryRatio();

    @Option(
            names = "--spike-recovery-records",
            paramLabel = "N",
            description =
                    "spike: recovered within N records is fast; never recovered after N is a divergence (default: ${DEFAULT-VALUE}).")
    int spikeRecoveryRecords = spikeDefaults.recoveryRecords();

    @Option(
            names = "--divergence-ratio",
            paramLabel = "X",
            description = "divergence: recent median at least X times the earlier median (default: ${DEFAULT-VALUE}).")
    double divergenceRatio = divergenceDefaults.ratio();

    @Option(
            names = "--divergence-window",
            paramLabel = "N",
            description = "divergence: recent records whose median is compared (default: ${DEFAULT-VALUE}).")
    int divergenceWindow = divergenceDefaults.window();

    @Option(
            names = "--divergence-history",
            paramLabel = "N",
            description = "divergence: most earlier records compared with (default: ${DEFAULT-VALUE}).")
    int divergenceHistory = divergenceDefaults.history();

    @Option(
            names = "--divergence-min-history",
            paramLabel = "N",
            description = "divergence: fewest earlier records judged by (default: ${DEFAULT-VALUE}).")
    int divergenceMinHistory = divergenceDefaults.minHistory();

    @Option(
            names = "--grad-explosion-ratio",
            paramLabel = "X",
            description =
                    "grad_explosion: median of a window at least X times the early median (default: ${DEFAULT-VALUE}).")
    double gradExplosionRatio = gradExplosionDefaults.ratio();

    @Option(
            names = "--grad-explosion-window",
            paramLabel = "N",
            description = "grad_explosion: consecutive records whose median is compared (default: ${DEFAULT-VALUE}).")
    int gradExplosionWindow = gradExplosionDefaults.window();

    @Option(
            names = "--grad-explosion-baseline",
            paramLabel = "N",
            description =
                    "grad_explosion: the first N records (or first fifth) give the early median (default: ${DEFAULT-VALUE}).")
    int gradExplosionBaseline = gradExplosionDefaults.baseline();

    @Option(
            names = "--clip-saturation-fraction",
            paramLabel = "F",
            description =
                    "clip_saturation: share of the window at or above the clip that warns (default: ${DEFAULT-VALUE}).")
    double clipSaturationFraction = clipDefaults.fraction();

    @Option(
            names = "--clip-saturation-window",
            paramLabel = "N",
            description = "clip_saturation: the last N records (default: ${DEFAULT-VALUE}).")
    int clipSaturationWindow = clipDefaults.window();

    @Option(
            names = "--plateau-threshold",
            paramLabel = "X",
            description = "plateau: relative improvement that counts (default: ${DEFAULT-VALUE}).")
    double plateauThreshold = plateauDefaults.threshold();

    @Option(
            names = "--plateau-window-fraction",
            paramLabel = "F",
            description = "plateau: share of the records at the end looked at (default: ${DEFAULT-VALUE}).")
    double plateauWindowFraction = plateauDefaults.windowFraction();

    @Option(
            names = "--plateau-min-window",
            paramLabel = "N",
            description = "plateau: fewest records looked at (default: ${DEFAULT-VALUE}).")
    int plateauMinWindow = plateauDefaults.minWindow();

    @Option(
            names = "--plateau-smooth",
            paramLabel = "N",
            description = "plateau: records the loss is averaged over (default: ${DEFAULT-VALUE}).")
    int plateauSmooth = plateauDefaults.smooth();

    @Option(
            names = "--plateau-lr-fraction",
            paramLabel = "F",
            description = "plateau: judged while the learning rate is above F of its peak (default: ${DEFAULT-VALUE}).")
    double plateauLrFraction = plateauDefaults.lrFraction();

    @Option(
            names = "--overfit-evaluations",
            paramLabel = "N",
            description = "overfit: worse evaluations in a row (default: ${DEFAULT-VALUE}).")
    int overfitEvaluations = overfitDefaults.evaluations();

    @Option(
            names = "--overfit-margin",
            paramLabel = "F",
            description = "overfit: least relative rise above the best (default: ${DEFAULT-VALUE}).")
    double overfitMargin = overfitDefaults.margin();

    @Option(
            names = "--overfit-noise",
            paramLabel = "X",
            description =
                    "overfit: a rise must exceed X median changes between evaluations (default: ${DEFAULT-VALUE}).")
    double overfitNoise = overfitDefaults.noise();

    @Option(
            names = "--overfit-train-drop",
            paramLabel = "F",
            description = "overfit: while the smoothed training loss fell by at least F (default: ${DEFAULT-VALUE}).")
    double overfitTrainDrop = overfitDefaults.trainDrop();

    @Option(
            names = "--overfit-smooth",
            paramLabel = "N",
            description = "overfit: records the training loss is averaged over (default: ${DEFAULT-VALUE}).")
    int overfitSmooth = overfitDefaults.smooth();

    @Option(
            names = "--stalled-intervals",
            paramLabel = "X",
            description = "stalled: limit of X median intervals between training records (default: ${DEFAULT-VALUE}).")
    double stalledIntervals = stalledDefaults.intervals();

    @Option(
            names = "--stalled-gaps",
            paramLabel = "X",
            description = "stalled: or X times the longest gap between records (default: ${DEFAULT-VALUE}).")
    double stalledGaps = stalledDefaults.gaps();

    @Option(
            names = "--stalled-minutes",
            paramLabel = "M",
            description = "stalled: and at least M minutes (default: ${DEFAULT-VALUE}).")
    double stalledMinutes = stalledDefaults.minimum().toSeconds() / 60.0;

    @Option(
            names = "--throughput-drop-ratio",
            paramLabel = "X",
            description = "throughput_drop: rolling median below X times the percentile (default: ${DEFAULT-VALUE}).")
    double throughputDropRatio = throughputDefaults.ratio();

    @Option(
            names = "--throughput-drop-window",
            paramLabel = "N",
            description = "throughput_drop: intervals the rolling median is taken over (default: ${DEFAULT-VALUE}).")
    int throughputDropWindow = throughputDefaults.window();

    @Option(
            names = "--throughput-drop-percentile",
            paramLabel = "P",
            description = "throughput_drop: the percentile of all intervals compared with (default: ${DEFAULT-VALUE}).")
    double throughputDropPercentile = throughputDefaults.percentile();

    /** The time stalled compares a log file's age with. */
    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws UserException {
        List<Detector> detectors = detectors();
        RunSelection.Loaded loaded = runs.load();
        List<CheckResult> results = new ArrayList<>();
        for (TrainingLog log : loaded.logs()) {
            results.add(Checks.run(log, detectors, clock));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!results.isEmpty() || format == CheckFormat.JSON) {
            out.print(format.formatter().format(results));
        }
        out.flush();
        if (loaded.failed()) {
            return ExitStatus.LOG_FAILED;
        }
        boolean fails = failOn.severity().isPresent()
                && results.stream().anyMatch(r -> r.hasAtLeast(failOn.severity().get()));
        return fails ? ExitStatus.FINDINGS : ExitStatus.OK;
    }

    private List<Detector> detectors() {
        try {
            Spike spike = new Spike(
                    spikeZ, spikeRatio, spikeWindow, spikeMinHistory, spikeRecoveryRatio, spikeRecoveryRecords);
            Divergence divergence =
                    new Divergence(divergenceWindow, divergenceHistory, divergenceMinHistory, divergenceRatio, spike);
            return List.of(
                    new NonFinite(),
                    spike,
                    divergence,
                    new GradExplosion(gradExplosionWindow, gradExplosionBaseline, gradExplosionRatio),
                    new ClipSaturation(
                            clip == null ? OptionalDouble.empty() : OptionalDouble.of(clip),
                            clipSaturationWindow,
                            clipSaturationFraction),
                    new Plateau(
                            plateauSmooth,
                            plateauThreshold,
                            plateauWindowFraction,
                            plateauMinWindow,
                            plateauLrFraction,
                            divergence),
                    new Overfit(overfitEvaluations, overfitMargin, overfitNoise, overfitTrainDrop, overfitSmooth),
                    new Stalled(stalledIntervals, stalledGaps, Duration.ofMillis(Math.round(stalledMinutes * 60_000))),
                    new ThroughputDrop(throughputDropWindow, throughputDropRatio, throughputDropPercentile),
                    new Rollback());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --fail-on}: the least severity that fails, or none. */
    enum FailOn {
        ERROR(Severity.ERROR),
        WARN(Severity.WARN),
        NEVER(null);

        private final Severity severity;

        FailOn(Severity severity) {
            this.severity = severity;
        }

        Optional<Severity> severity() {
            return Optional.ofNullable(severity);
        }

        String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
