package dev.forgather.logs.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;

/**
 * The {@code forgather} command. Holds the global options that come before {@code logs}; the
 * work happens in the subcommands.
 */
@Command(
        name = "forgather",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Understand your training runs: list, summarise, check, plot, compare, export, report and "
                + "watch the training logs of Forgather, Hugging Face, TensorBoard, Lightning and MLflow.",
        footer = {"", "Run 'forgather logs --help' for the log commands."})
public final class Main implements Runnable {
    @Option(
            names = {"-p", "--project-dir"},
            paramLabel = "DIR",
            defaultValue = ".",
            description = "Project directory whose output_models/ holds the runs (default: ${DEFAULT-VALUE}).")
    Path projectDir;

    @Option(
            names = {"-t", "--config-template"},
            paramLabel = "NAME",
            description = "Configuration template; its name prefixes default plot file names.")
    String configTemplate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // Charts are drawn off-screen; without this AWT would look for a display over SSH.
        System.setProperty("java.awt.headless", "true");
        PrintWriter err = new PrintWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), consoleCharset()), true);
        // Any thread that runs out of memory says so in one line, not with its stack trace.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            err.println(e instanceof OutOfMemoryError ? OutOfMemory.message() : "internal error: " + e);
            err.flush();
            Runtime.getRuntime().halt(ExitStatus.LOG_FAILED);
        });
        System.exit(execute(args, new FileOutputStream(FileDescriptor.out), err));
    }

    /**
     * Runs the command line with standard output on {@code stdout}. Java's writers swallow write
     * errors, so the stream remembers the first: a full disk ({@code > /dev/full}) is an error,
     * exit status 1, while a pipe closed early ({@code | head}) ends quietly, as for any tool.
     */
    static int execute(String[] args, OutputStream stdout, PrintWriter err) {
        StandardOutput out = new StandardOutput(stdout);
        CommandLine cli = commandLine(args);
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, consoleCharset())));
        cli.setErr(err);
        int status;
        try {
            status = cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println(OutOfMemory.message());
            err.flush();
            return ExitStatus.LOG_FAILED;
        }
        cli.getOut().flush();
        Optional<IOException> failure = out.failure();
        if (failure.isPresent() && !StandardOutput.isBrokenPipe(failure.get())) {
            err.println(
                    "error: cannot write to standard output: " + failure.get().getMessage());
            err.flush();
            return ExitStatus.LOG_FAILED;
        }
        return status;
    }

    /** The encoding the JVM gives System.out: the console's, else the platform's. */
    private static Charset consoleCharset() {
        String console = System.getProperty("sun.stdout.encoding");
        try {
            return console != null ? Charset.forName(console) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /** The whole command line, every command in it; tests run commands in process through it. */
    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}. Picocli introspects every command it is given before it
     * parses anything, and that is most of a short command's start-up; so when {@code args} name
     * one log command ({@code [-p DIR] [-t NAME] logs summary ...}) only that one is built. Which
     * one is named is picocli's own parse of {@code args} against the global options and a
     * placeholder per log command (a name that takes any arguments, built without reflection):
     * the same parser that runs the command, not a second one. Anything else (help, a typo that
     * deserves a suggestion, a bad global option) gets the whole tree, whose parse says why.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        CommandLine logs = new CommandLine(new LogsCommand());
        cli.addSubcommand("logs", logs);
        Optional<String> only = namedLogCommand(cli, logs, args);
        for (Map.Entry<String, Supplier<Object>> command : LOG_COMMANDS.entrySet()) {
            if (only.isEmpty() || only.get().equals(command.getKey())) {
                logs.addSubcommand(command.getKey(), command.getValue().get());
            }
        }
        if (only.isEmpty()) {
            CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
            completion
                    .getCommandSpec()
                    .usageMessage()
                    .description("Print a shell completion script for bash or zsh (see the README).");
            cli.addSubcommand("generate-completion", completion);
        }
        cli.setUsageHelpWidth(helpWidth(System.getenv("COLUMNS")));
        cli.setExecutionExceptionHandler(new ErrorHandler(System.getenv("FORGATHER_DEBUG") != null));
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        return cli;
    }

    /**
     * The log command that {@code args} name, by parsing them with a placeholder for each log
     * command; the placeholders are removed again before this returns.
     */
    private static Optional<String> namedLogCommand(CommandLine cli, CommandLine logs, String[] args) {
        for (String name : LOG_COMMANDS.keySet()) {
            CommandSpec placeholder = CommandSpec.create()
                    .addPositional(PositionalParamSpec.builder()
                            .arity("0..*")
                            .type(String[].class)
                            .build());
            CommandLine anyArguments = new CommandLine(placeholder);
            anyArguments.setUnmatchedOptionsArePositionalParams(true);
            logs.addSubcommand(name, anyArguments);
        }
        Optional<String> named = Optional.empty();
        try {
            List<CommandLine> parsed = cli.parseArgs(args).asCommandLineList();
            boolean help = parsed.stream().anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
            if (parsed.size() == 3 && parsed.get(1) == logs && !help) {
                named = Optional.of(parsed.get(2).getCommandName());
            }
        } catch (CommandLine.ParameterException e) {
            // The whole tree's parse reports it.
        }
        for (String name : LOG_COMMANDS.keySet()) {
            logs.getCommandSpec().removeSubcommand(name);
        }
        return named;
    }

    /**
     * Help is laid out for the terminal's width when the shell exports {@code COLUMNS}, between 80
     * and 120 columns; else for 80. Picocli's own detection starts a process, on every start.
     */
    static int helpWidth(String columns) {
        try {
            return columns == null ? 80 : Math.max(80, Math.min(120, Integer.parseInt(columns.strip())));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    private static final Map<String, Supplier<Object>> LOG_COMMANDS = new LinkedHashMap<>();

    static {
        LOG_COMMANDS.put("list", ListCommand::new);
        LOG_COMMANDS.put("summary", SummaryCommand::new);
        LOG_COMMANDS.put("plot", PlotCommand::new);
        LOG_COMMANDS.put("export", ExportCommand::new);
        LOG_COMMANDS.put("report", ReportCommand::new);
        LOG_COMMANDS.put("watch", WatchCommand::new);
        LOG_COMMANDS.put("check", CheckCommand::new);
        LOG_COMMANDS.put("compare", CompareCommand::new);
    }

    /** Reads the version Maven wrote into the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("/forgather-version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {
                "forgather-logs " + properties.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
