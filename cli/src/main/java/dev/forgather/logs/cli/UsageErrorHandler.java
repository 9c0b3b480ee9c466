package dev.forgather.logs.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * A command line that does not parse: the problem and where to find help, two short lines on
 * stderr and exit status 2, instead of picocli's full usage text burying the message.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        Optional<String> global = misplacedGlobalOption(e);
        if (global.isPresent()) {
            // "Unknown option: '-p'" would send the user looking in the wrong help page.
            String value = global.get().startsWith("-p") || global.get().startsWith("--project") ? "DIR" : "NAME";
            cli.getErr()
                    .println("error: " + global.get() + " is a global option: it goes before 'logs', as in 'forgather "
                            + global.get() + " " + value + " logs " + cli.getCommandName() + " ...'");
        } else {
            cli.getErr().println("error: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, cli.getErr());
        }
        cli.getErr().println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for more information.");
        cli.getErr().flush();
        return ExitStatus.USAGE;
    }

    private static final List<String> GLOBAL_OPTIONS = List.of("-p", "--project-dir", "-t", "--config-template");

    /** The global option given after {@code logs COMMAND}, as typed, when that is what did not parse. */
    private static Optional<String> misplacedGlobalOption(ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException unmatched)
                || e.getCommandLine().getParent() == null
                || !"logs".equals(e.getCommandLine().getParent().getCommandName())) {
            return Optional.empty();
        }
        for (String arg : unmatched.getUnmatched()) {
            for (String option : GLOBAL_OPTIONS) {
                if (arg.equals(option)
                        || arg.startsWith(option + "=")
                        || (option.length() == 2 && arg.startsWith(option) && !arg.startsWith("--"))) {
                    return Optional.of(option);
                }
            }
        }
        return Optional.empty();
    }
}
