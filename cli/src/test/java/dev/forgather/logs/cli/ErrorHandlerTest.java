package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forgather.logs.model.LogReadException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class ErrorHandlerTest {
    @Command(name = "fails")
    static final class Fails implements java.util.concurrent.Callable<Integer> {
        Exception failure;

        @Override
        public Integer call() throws Exception {
            throw failure;
        }
    }

    private static String[] run(Exception failure, boolean debug) {
        Fails command = new Fails();
        command.failure = failure;
        CommandLine cli = new CommandLine(command);
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler(new ErrorHandler(debug));
        int status = cli.execute();
        return new String[] {String.valueOf(status), err.toString()};
    }

    @Test
    void aLogThatCannotBeReadIsOneLineWithoutDebug() {
        Exception e = new LogReadException(
                Path.of("run/trainer_logs.json"),
                "internal error while reading: boom",
                new IllegalStateException("boom"));
        assertThat(run(e, false))
                .containsExactly("1", "error: run/trainer_logs.json: internal error while reading: boom\n");
    }

    @Test
    void debugShowsTheStackOfTheCauseKeptByTheLogReadException() {
        Exception e =
                new LogReadException(Path.of("run/trainer_logs.json"), "cannot read: disk", new IOException("disk"));
        String[] r = run(e, true);
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1])
                .startsWith("error: run/trainer_logs.json: cannot read: disk\n")
                .contains("Caused by: java.io.IOException: disk")
                .contains("at dev.forgather.logs.cli.ErrorHandlerTest");
    }

    @Test
    void aProblemWithoutACauseStaysOneLineEvenWithDebug() {
        Exception e = new LogReadException(Path.of("run/trainer_logs.json"), "not a JSON array");
        assertThat(run(e, true)).containsExactly("1", "error: run/trainer_logs.json: not a JSON array\n");
    }

    @Test
    void aBugIsNamedAsOneAndDebugShowsItsStack() {
        assertThat(run(new IllegalStateException("bug"), false))
                .containsExactly("1", "internal error: java.lang.IllegalStateException: bug\n");
        assertThat(run(new IllegalStateException("bug"), true)[1])
                .startsWith(
                        "internal error: java.lang.IllegalStateException: bug\njava.lang.IllegalStateException: bug\n");
    }
}
