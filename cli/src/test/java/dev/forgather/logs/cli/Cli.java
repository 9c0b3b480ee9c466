package dev.forgather.logs.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs the command line in process, as picocli's manual shows, capturing both streams. */
final class Cli {
    private Cli() {}

    /**
     * What a user sees of one run: the exit status, standard output and standard error. A CLI test
     * looks at all three ({@link AllThreeLookedAt} fails a test that left one unread), so that a
     * change in any of them is noticed.
     */
    static final class Result {
        private final int exitCode;
        private final String out;
        private final String err;
        private boolean codeRead;
        private boolean outRead;
        private boolean errRead;

        Result(int exitCode, String out, String err) {
            this.exitCode = exitCode;
            this.out = out;
            this.err = err;
            AllThreeLookedAt.created(this);
        }

        int exitCode() {
            codeRead = true;
            return exitCode;
        }

        String out() {
            outRead = true;
            return out;
        }

        String err() {
            errRead = true;
            return err;
        }

        List<String> unread() {
            List<String> unread = new ArrayList<>();
            if (!codeRead) {
                unread.add("the exit code");
            }
            if (!outRead) {
                unread.add("stdout");
            }
            if (!errRead) {
                unread.add("stderr");
            }
            return unread;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code logs COMMAND OPTIONS... PATHS...}: a command on the given runs. */
    static Result logs(String command, List<String> paths, String... options) {
        List<String> args = new ArrayList<>(List.of("logs", command));
        args.addAll(List.of(options));
        args.addAll(paths);
        return run(args.toArray(String[]::new));
    }

    /** The first column of a CSV table's rows, its header left out: the run names compare printed. */
    static List<String> firstColumn(String csv) {
        return csv.lines()
                .skip(1)
                .map(line -> line.substring(0, line.indexOf(',')))
                .toList();
    }

    static Result run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
