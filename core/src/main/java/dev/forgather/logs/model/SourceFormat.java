package dev.forgather.logs.model;

/**
 * The format a log was read from, as the model knows it: a name to show and to compare by. The
 * read layer's {@code LogFormat} enum is the implementation, so that {@link TrainingLog} can say
 * which format it came from without the model depending on the readers (dependencies point down,
 * to {@code model}); {@code log.format() == LogFormat.TENSORBOARD} still holds for a TensorBoard
 * log.
 */
public interface SourceFormat {
    /** The format's short lower-case name, shown to users and in JSON output, e.g. {@code huggingface}. */
    String id();
}
