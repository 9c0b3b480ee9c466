package dev.forgather.logs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
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
        description = "Understand your training runs: list, summarise and plot Forgather training logs.",
        subcommands = {LogsCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Run 'forgather logs --help' for the log commands."})
public final class Main implements Runnable {
    @Option(names = {"-p", "--project-dir"}, paramLabel = "DIR", defaultValue = ".",
            description = "Project directory whose output_models/ holds the runs (default: ${DEFAULT-VALUE}).")
    Path projectDir;

    @Option(names = {"-t", "--config-template"}, paramLabel = "NAME",
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
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        cli.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(true);
        return cli;
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
            return new String[] {"forgather-logs " + properties.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
        }
    }
}
