package dev.forgather.logs.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * Standard output that remembers its first write error. The {@link java.io.PrintWriter} that
 * commands print through swallows errors; this lets {@link Main} report them afterwards.
 */
final class StandardOutput extends FilterOutputStream {
    private IOException failure;

    StandardOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            remember(e);
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            remember(e);
            throw e;
        }
    }

    private void remember(IOException e) {
        if (failure == null) {
            failure = e;
        }
    }

    /** The first write error, if any. */
    Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether {@code e} is the reader going away ({@code | head}), which is no error of ours. */
    static boolean isBrokenPipe(IOException e) {
        return "Broken pipe".equals(e.getMessage());
    }
}
