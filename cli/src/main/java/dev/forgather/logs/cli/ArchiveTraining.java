package dev.forgather.logs.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the launcher runs once after a build, under {@code -XX:ArchiveClassesAtExit}, so that the
 * AppCDS archive holds the classes of the commands users run most, not of one: {@code list},
 * {@code summary}, {@code plot}, {@code check} and {@code compare} of the bundled demo project, in
 * one JVM, through {@link Main#execute} as a user's command line runs them. Standard output and
 * error go nowhere; the plot is written into a temporary folder, deleted before this returns.
 * Recording from a summary alone left JFreeChart, Java2D and the PNG writer out of the archive: a
 * seed-sized plot then took about a fifth more CPU (BENCHMARKS.md, Round 2).
 *
 * <p>Usage: {@code java -XX:ArchiveClassesAtExit=A -cp forgather.jar
 * dev.forgather.logs.cli.ArchiveTraining DEMO_PROJECT}; exits 0 even when a command failed (one
 * that needs what a slim machine lacks, say), naming it on stderr: the archive of the others'
 * classes is still worth keeping. It exits 2 only when it is called wrongly.
 */
public final class ArchiveTraining {
    private ArchiveTraining() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ArchiveTraining DEMO_PROJECT");
            System.exit(ExitStatus.USAGE);
        }
        for (String failed : run(Path.of(args[0]))) {
            System.err.println("ArchiveTraining: " + failed);
        }
        System.exit(ExitStatus.OK);
    }

    /** Runs the commands on {@code project}; returns those that failed (a {@code check} finding is no failure). */
    static List<String> run(Path project) throws IOException {
        Path scratch = Files.createTempDirectory("forgather-archive-");
        List<String> failed = new ArrayList<>();
        try {
            String p = project.toString();
            List<List<String>> commands = List.of(
                    List.of("-p", p, "logs", "list"),
                    List.of("-p", p, "logs", "summary", "--all", "--format", "json"),
                    List.of("-p", p, "logs", "summary"),
                    List.of(
                            "-p",
                            p,
                            "logs",
                            "plot",
                            "--output",
                            scratch.resolve("plot.png").toString()),
                    List.of("-p", p, "logs", "check", "--all"),
                    List.of("-p", p, "logs", "compare", "--all"));
            for (List<String> command : commands) {
                int status = Main.execute(
                        command.toArray(String[]::new),
                        OutputStream.nullOutputStream(),
                        new PrintWriter(Writer.nullWriter()));
                // check exits 3 when it finds a problem: the demo has a diverged run on purpose.
                if (status != ExitStatus.OK && status != ExitStatus.FINDINGS) {
                    failed.add(String.join(" ", command) + ": exit status " + status);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
        return failed;
    }
}
