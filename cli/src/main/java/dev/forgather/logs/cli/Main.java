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
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code forgather} command. Holds the global options that come before {@code logs}; the
 * work happens in the subcommands.
 */
@Command(
        name = "forgather",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Understand your training runs: list, summarise, check, plot, compare and export the "
                + "training logs of Forgather, Hugging Face, TensorBoard, Lightning and MLflow.",
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
     * parses anything, and that is most of a short command's start-up; so when {@code args}
     * plainly name one log command ({@code [-p DIR] [-t NAME] logs summary ...}) only that one is
     * built. Anything else — help, a typo that deserves a suggestion — gets the whole tree.
     */
    static CommandLine commandLine(String[] args) {
        String only = requestedLogsCommand(args);
        CommandLine logs = new CommandLine(new LogsCommand());
        for (Map.Entry<String, Supplier<Object>> command : LOG_COMMANDS.entrySet()) {
            if (only == null || only.equals(command.getKey())) {
                logs.addSubcommand(command.getKey(), command.getValue().get());
            }
        }
        CommandLine cli = new CommandLine(new Main());
        cli.addSubcommand("logs", logs);
        if (only == null) {
            CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
            completion
                    .getCommandSpec()
                    .usageMessage()
                    .description("Print a shell completion script for bash or zsh (see the README).");
            cli.addSubcommand("generate-completion", completion);
        }
        cli.setUsageHelpWidth(helpWidth(System.getenv("COLUMNS")));
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        return cli;
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

    /** The log command {@code args} name after the global options, or null when they name none plainly. */
    static String requestedLogsCommand(String[] args) {
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("-p")
                    || arg.equals("--project-dir")
                    || arg.equals("-t")
                    || arg.equals("--config-template")) {
                i += 2;
            } else if (arg.startsWith("--project-dir=")
                    || arg.startsWith("--config-template=")
                    || (arg.length() > 2 && (arg.startsWith("-p") || arg.startsWith("-t")))) {
                i++;
            } else {
                break;
            }
        }
        if (i + 1 < args.length && args[i].equals("logs") && LOG_COMMANDS.containsKey(args[i + 1])) {
            return args[i + 1];
        }
        return null;
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
