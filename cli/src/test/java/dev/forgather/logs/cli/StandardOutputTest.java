package dev.forgather.logs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Issue 8: a write error on standard output is an error; a reader that left a pipe is not. */
class StandardOutputTest {
    private static final String RUN = DemoProject.repository()
            .resolve("demo/output_models/tiny_gpt/runs/adamw_lr1e-3")
            .toString();

    /**
     * Runs the command line with {@code stdout} as its standard output; the result's stdout is what
     * reached {@code stdout}: the bytes of every write that did not fail.
     */
    private static Cli.Result execute(OutputStream stdout, String... args) throws IOException {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        OutputStream recorded = new FilterOutputStream(stdout) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                written.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written.write(b, off, len);
            }
        };
        int status = Main.execute(args, recorded, new PrintWriter(err));
        recorded.flush();
        return new Cli.Result(status, written.toString(StandardCharsets.UTF_8), err.toString());
    }

    @Test
    void aFullDiskOnStandardOutputIsExitStatusOneWithTheReason() throws Exception {
        Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        try (OutputStream full = new FileOutputStream("/dev/full")) {
            Cli.Result r = execute(full, "logs", "summary", RUN);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.out()).as("no write to /dev/full succeeds").isEmpty();
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
            assertThat(r.out())
                    .as("no write to a pipe without a reader succeeds")
                    .isEmpty();
        }
    }

    @Test
    void whatIsWrittenReachesStandardOutput() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Cli.Result r = execute(bytes, "logs", "summary", RUN, "--format", "one-line");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualTo("adamw_lr1e-3 | steps=1500 | time=00:22 | loss=1.7338 | eval=1.5631 | samp/s=2171.0\n");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(r.out());
    }
}
