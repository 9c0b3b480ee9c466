package dev.forgather.logs.cli;

import dev.forgather.logs.check.CheckFormat;
import dev.forgather.logs.check.CheckResult;
import dev.forgather.logs.check.Checks;
import dev.forgather.logs.check.Detector;
import dev.forgather.logs.check.Divergence;
import dev.forgather.logs.check.NonFinite;
import dev.forgather.logs.check.Severity;
import dev.forgather.logs.check.Spike;
import dev.forgather.logs.model.TrainingLog;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code forgather logs check}: is this run healthy? Exit status 3 when a finding is at or above {@code --fail-on}. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        description = {"Check training runs for NaNs, spikes, divergence and other faults (default: the newest log).",
            "Exit status: 0 nothing at or above --fail-on, 1 a log could not be read, 2 usage, 3 a finding at or above --fail-on."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    RunSelection runs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = Choices.CheckFormats.class,
            completionCandidates = Choices.CheckFormats.class,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    CheckFormat format;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error", converter = Choices.FailOnLevels.class,
            completionCandidates = Choices.FailOnLevels.class,
            description = "Exit with status 3 when a finding is at least this bad: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    private final Spike spikeDefaults = Spike.defaults();
    private final Divergence divergenceDefaults = Divergence.defaults();

    @Option(names = "--spike-z", paramLabel = "Z", description = "spike: robust z above the median (default: ${DEFAULT-VALUE}).")
    double spikeZ = spikeDefaults.z();

    @Option(names = "--spike-ratio", paramLabel = "X", description = "spike: and at least X times the median (default: ${DEFAULT-VALUE}).")
    double spikeRatio = spikeDefaults.minRatio();

    @Option(names = "--spike-window", paramLabel = "N", description = "spike: records the median and MAD are taken over (default: ${DEFAULT-VALUE}).")
    int spikeWindow = spikeDefaults.window();

    @Option(names = "--spike-min-history", paramLabel = "N", description = "spike: records before the first one judged; half in a run shorter than the window (default: ${DEFAULT-VALUE}).")
    int spikeMinHistory = spikeDefaults.minHistory();

    @Option(names = "--spike-recovery-ratio", paramLabel = "X", description = "spike: recovered when back within X times the median before it (default: ${DEFAULT-VALUE}).")
    double spikeRecoveryRatio = spikeDefaults.recoveryRatio();

    @Option(names = "--spike-recovery-records", paramLabel = "N", description = "spike: recovered within N records is fast; never recovered after N is a divergence (default: ${DEFAULT-VALUE}).")
    int spikeRecoveryRecords = spikeDefaults.recoveryRecords();

    @Option(names = "--divergence-ratio", paramLabel = "X", description = "divergence: recent median at least X times the earlier median (default: ${DEFAULT-VALUE}).")
    double divergenceRatio = divergenceDefaults.ratio();

    @Option(names = "--divergence-window", paramLabel = "N", description = "divergence: recent records whose median is compared (default: ${DEFAULT-VALUE}).")
    int divergenceWindow = divergenceDefaults.window();

    @Option(names = "--divergence-history", paramLabel = "N", description = "divergence: most earlier records compared with (default: ${DEFAULT-VALUE}).")
    int divergenceHistory = divergenceDefaults.history();

    @Option(names = "--divergence-min-history", paramLabel = "N", description = "divergence: fewest earlier records judged by (default: ${DEFAULT-VALUE}).")
    int divergenceMinHistory = divergenceDefaults.minHistory();

    /** What tells the time; tests of {@code stalled} set it. */
    Clock clock = Clock.systemUTC();

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
            Spike spike = new Spike(spikeZ, spikeRatio, spikeWindow, spikeMinHistory, spikeRecoveryRatio, spikeRecoveryRecords);
            Divergence divergence = new Divergence(divergenceWindow, divergenceHistory, divergenceMinHistory,
                    divergenceRatio, spike);
            return List.of(new NonFinite(), spike, divergence);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** {@code --fail-on}: the least severity that fails, or none. */
    enum FailOn {
        ERROR(Severity.ERROR), WARN(Severity.WARN), NEVER(null);

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
