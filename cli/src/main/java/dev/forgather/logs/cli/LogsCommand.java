package dev.forgather.logs.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code forgather logs}: the log commands. Alone, it prints its help. */
@Command(
        name = "logs",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "List, summarise, check, plot, compare, export, report and watch training logs.",
            "Forgather: output_models/<model>/runs/<run>/trainer_logs.json under -p DIR.",
            "Hugging Face, TensorBoard, Lightning and MLflow logs: anywhere under -p DIR."
        })
final class LogsCommand implements Runnable {
    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The {@code -p} folder; a usage error when it does not exist, rather than "no logs found". */
    Path projectDir() {
        Path dir = main.projectDir;
        if (!Files.isDirectory(dir)) {
            CommandLine root =
                    spec.commandLine().getParent() != null ? spec.commandLine().getParent() : spec.commandLine();
            String option = OutputOption.typed(root.getCommandSpec(), "--project-dir");
            throw new CommandLine.ParameterException(
                    root, option + " " + dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        return dir;
    }

    Optional<String> configTemplate() {
        return Optional.ofNullable(main.configTemplate);
    }
}
