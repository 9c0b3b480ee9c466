package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.Watches;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.watch.ChartCharset;
import dev.forgather.logs.watch.Frame;
import dev.forgather.logs.watch.FrameRenderer;
import dev.forgather.logs.watch.ViewState;
import dev.forgather.logs.watch.WatchAxis;
import dev.forgather.logs.watch.WatchModel;
import dev.forgather.logs.watch.WatchSession;
import dev.forgather.logs.watch.WatchedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.jline.terminal.Size;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code forgather logs watch}: follow training runs live in the terminal. */
@Command(
        name = "watch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Follow training runs live in the terminal: charts of loss, eval loss and learning rate, "
                    + "and a table of each run's progress.",
            "",
            "Keys: q quit, s smoothing, l log scale, m layout, x x axis, arrows or + - pan and zoom, space pause, "
                    + "r reset. NO_COLOR turns colour off; TERM=dumb or a locale that is not UTF-8 draws in ASCII."
        })
final class WatchCommand implements Callable<Integer> {
    /** Ctrl-C's exit status, as a shell reports a command killed by SIGINT. */
    static final int INTERRUPTED = 130;

    static final double MIN_REFRESH = 0.2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** PATHs (at most 9) or --all: the newest --last runs, and new runs join the view. */
    @CommandLine.Mixin
    RunSelection runs;

    @Option(
            names = "--last",
            paramLabel = "N",
            defaultValue = "4",
            description = "With --all, how many of the newest runs (1 to 9; default: ${DEFAULT-VALUE}).")
    int last;

    @Option(
            names = "--metrics",
            paramLabel = "METRICS",
            split = ",",
            description = "Metrics to chart, one panel each (default: loss,eval_loss,learning_rate).")
    List<String> metrics;

    @Option(
            names = "--x-axis",
            paramLabel = "AXIS",
            defaultValue = "step",
            converter = Choices.WatchAxes.class,
            completionCandidates = Choices.WatchAxes.class,
            description =
                    "X axis: ${COMPLETION-CANDIDATES} (time: minutes since the run's first record; default: ${DEFAULT-VALUE}).")
    WatchAxis axis;

    @Option(
            names = "--smooth",
            paramLabel = "N",
            defaultValue = "0",
            description =
                    "Moving-average window drawn bold over the raw series (default: off; the s key cycles 5, 10, 20, 50).")
    int smooth;

    @Option(
            names = "--charset",
            paramLabel = "CHARSET",
            defaultValue = "braille",
            converter = Choices.ChartCharsets.class,
            completionCandidates = Choices.ChartCharsets.class,
            description = "Chart characters: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ChartCharset requested;

    @Option(
            names = "--refresh",
            paramLabel = "SECONDS",
            defaultValue = "1",
            description = "Seconds between looks at the logs, at least 0.2 (default: ${DEFAULT-VALUE}).")
    double refresh;

    @Option(
            names = "--once",
            description = "Print one frame and exit (COLUMNS x LINES, default 100x30, when stdout is not a terminal).")
    boolean once;

    /** The environment: NO_COLOR, TERM, the locale, COLUMNS and LINES. Tests set their own. */
    Map<String, String> env = System.getenv();
    /** Whether stdout is a terminal. Tests run in process, where it is not. */
    Supplier<Boolean> stdoutIsTerminal = () -> System.console() != null;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws UserException {
        PrintWriter err = spec.commandLine().getErr();
        if (!(refresh >= MIN_REFRESH) || Double.isInfinite(refresh)) {
            throw usage("--refresh must be at least " + MIN_REFRESH + " seconds, not " + refresh);
        }
        if (smooth < 0) {
            throw usage("--smooth must be 0 or more, got " + smooth);
        }
        if (last < 1 || last > WatchSession.MAX_RUNS) {
            throw usage("--last must be from 1 to " + WatchSession.MAX_RUNS + ", not " + last);
        }
        if (!runs.all && runs.paths.size() > WatchSession.MAX_RUNS) {
            throw usage(
                    runs.paths.size() + " runs named; at most " + WatchSession.MAX_RUNS + " can be watched at once");
        }
        List<String> chosenMetrics = chosenMetrics();
        List<Path> found = runs.choose();
        List<Path> chosen = runs.all ? found.stream().limit(last).toList() : found;
        Optional<Supplier<List<Path>>> newRuns = Optional.empty();
        if (runs.all) {
            // Runs there already were and that --last left out are not new: only later ones join.
            // The scan that chose them says which those are; a second one could see a run the
            // first missed and keep it out for good.
            Set<Path> before = new HashSet<>(found);
            newRuns = Optional.of(() ->
                    projectRuns().stream().filter(p -> !before.contains(p)).toList());
        }
        ChartCharset drawWith = TerminalLook.charset(requested, env);
        boolean colour = TerminalLook.colour(env);
        ViewState view = ViewState.start(smooth, false, axis);
        boolean terminal = stdoutIsTerminal.get();
        if (once || !terminal) {
            // One frame: its checks are done before it is drawn.
            return printOnce(
                    Watches.session(chosen, newRuns, chosenMetrics, clock), view, drawWith, colour, terminal, err);
        }
        // Live: the checks (seconds of CPU on a big log) run beside the view, which never waits for them.
        ExecutorService checks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "forgather-watch-checks");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            return t;
        });
        try {
            return live(Watches.session(chosen, newRuns, chosenMetrics, clock, checks), view, drawWith, colour, err);
        } finally {
            checks.shutdownNow();
        }
    }

    private int live(WatchSession session, ViewState view, ChartCharset drawWith, boolean colour, PrintWriter err) {
        WatchModel first = session.poll();
        if (!session.anyRead()) {
            session.errors().forEach(e -> err.println("error: " + e));
            err.flush();
            return ExitStatus.LOG_FAILED;
        }
        return TerminalView.run(session, first, view, drawWith, colour, (long) (refresh * 1000), err);
    }

    private int printOnce(
            WatchSession session,
            ViewState view,
            ChartCharset drawWith,
            boolean colour,
            boolean terminal,
            PrintWriter err) {
        WatchModel model = session.poll();
        for (WatchedRun run : model.runs()) {
            run.warnings().forEach(w -> err.println("warning: " + w));
        }
        session.errors().forEach(e -> err.println("error: " + e));
        err.flush();
        if (!session.anyRead()) {
            return ExitStatus.LOG_FAILED;
        }
        // Warnings went to stderr: the frame's status line shows the keys, as a screenshot should.
        WatchModel shown = new WatchModel(model.runs(), model.metrics(), Optional.empty());
        Optional<Size> size = terminal ? TerminalView.size() : Optional.empty();
        int width = size.map(Size::getColumns).orElseGet(() -> TerminalLook.dimension(env, "COLUMNS", 100));
        int height = size.map(Size::getRows).orElseGet(() -> TerminalLook.dimension(env, "LINES", 30));
        Frame frame = FrameRenderer.render(shown, view, drawWith, width, height);
        PrintWriter out = spec.commandLine().getOut();
        out.print(terminal ? TerminalLook.ansi(frame, colour) : frame.plainText());
        out.flush();
        return session.errors().isEmpty() ? ExitStatus.OK : ExitStatus.LOG_FAILED;
    }

    private List<String> chosenMetrics() {
        if (metrics == null) {
            return WatchModel.DEFAULT_METRICS;
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String m : metrics) {
            if (!m.isBlank()) {
                names.add(m.strip());
            }
        }
        if (names.isEmpty()) {
            throw usage("--metrics names no metric");
        }
        return List.copyOf(names);
    }

    private List<Path> projectRuns() {
        return TrainingLogs.find(runs.projectDir()).stream().map(LogFile::path).toList();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(
                spec.commandLine(), message.toLowerCase(Locale.ROOT).charAt(0) + message.substring(1));
    }
}
