package dev.forgather.logs.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An output file that was not written because writing it would destroy something the user has: it
 * is one of the logs being read, or a training log of any format. The message is one line that
 * starts with the path as given, e.g. {@code run1/trainer_logs.json is one of the logs being read},
 * so that a command can put the option's name before it.
 */
public final class OutputRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;
    private final String reason;

    /**
     * @param path the output as given
     * @param reason why it is refused, lowercase, e.g. {@code is one of the logs being read}
     */
    public OutputRefusedException(Path path, String reason) {
        super(path + " " + reason);
        this.path = path;
        this.reason = reason;
    }

    /** The output as given. */
    public Path path() {
        return path;
    }

    /** Why it is refused, without the path, e.g. {@code is one of the logs being read}. */
    public String reason() {
        return reason;
    }
}
