package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Issue 8: a write error on standard output is an error; a reader that left a pipe is not. */
class StandardOutputTest {
    private static final String RUN = DemoProject.repository()
            .resolve("demo/output_models/tiny_gpt/runs/adamw_lr1e-3")
            .toString();

    private static Cli.Result execute(OutputStream stdout, String... args) {
        StringWriter err = new StringWriter();
        int status = Main.execute(args, stdout, new PrintWriter(err));
        return new Cli.Result(status, "", err.toString());
    }

    @Test
    void aFullDiskOnStandardOutputIsExitStatusOneWithTheReason() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        try (OutputStream full = new FileOutputStream("/dev/full")) {
            Cli.Result r = execute(full, "logs", "summary", RUN);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: cannot write to standard output: No space left on device\n");
        }
    }

    @Test
    void aPipeClosedByItsReaderEndsQuietly() throws Exception {
        Pipe pipe = Pipe.open();
        pipe.source().close();
        try (OutputStream closed = Channels.newOutputStream(pipe.sink())) {
            Cli.Result r = execute(closed, "logs", "summary", RUN);
            assertThat(r.err()).isEmpty();
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void whatIsWrittenReachesStandardOutput() throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        Cli.Result r = execute(bytes, "logs", "summary", RUN, "--format", "one-line");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(bytes.toString()).startsWith("adamw_lr1e-3").contains("steps=1500");
    }
}
