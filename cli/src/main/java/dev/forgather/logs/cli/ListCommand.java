package dev.forgather.logs.cli;

import dev.forgather.logs.TrainingLogs;
import dev.forgather.logs.discover.LogFile;
import dev.forgather.logs.discover.RunSearch;
import dev.forgather.logs.read.LogFormat;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code forgather logs list}: the project's runs, newest first. */
@Command(
        name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List the project's training logs, newest first.")
final class ListCommand implements Callable<Integer> {
    private static final DateTimeFormatter MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @ParentCommand
    LogsCommand logs;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RunSearch search = TrainingLogs.search(logs.projectDir());
        List<LogFile> found = search.runs();
        search.warning().ifPresent(w -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("warning: " + w);
            err.flush();
        });
        if (found.isEmpty()) {
            out.println("No training logs found.");
            out.println("Searched in: " + TrainingLogs.searchedFolder(logs.projectDir()));
            return ExitStatus.OK;
        }
        StringBuilder text = new StringBuilder();
        text.append("Found ").append(found.size()).append(" training log(s):\n\n");
        List<String> names = LogFile.listNames(found);
        for (int i = 0; i < found.size(); i++) {
            LogFile log = found.get(i);
            text.append(i + 1)
                    .append(". ")
                    .append(names.get(i))
                    .append(
                            log.format() == LogFormat.FORGATHER
                                    ? ""
                                    : " [" + log.format().id() + "]")
                    .append('\n');
            text.append("   Path: ").append(log.path()).append('\n');
            text.append("   Modified: ")
                    .append(MODIFIED.format(log.modified().toInstant()))
                    .append("\n\n");
        }
        out.print(text);
        out.flush();
        return ExitStatus.OK;
    }
}
