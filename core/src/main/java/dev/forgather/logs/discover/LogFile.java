package dev.forgather.logs.discover;

import dev.forgather.logs.model.RunName;
import dev.forgather.logs.model.RunNames;
import dev.forgather.logs.read.LogFormat;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

/**
 * A log found in a project.
 *
 * @param path what to load, as found under the project directory: the log file (e.g.
 *     {@code output_models/tiny_gpt/runs/a/trainer_logs.json}), or the run folder for formats
 *     whose run is a folder (TensorBoard, MLflow)
 * @param modelName the model or experiment, when the layout tells it
 * @param runName the run's name
 * @param modified the newest modification time of the run's log files
 * @param format the log's format
 */
public record LogFile(Path path, Optional<String> modelName, String runName, FileTime modified, LogFormat format) {
    /** The run found at {@code path}, named and dated by its format. */
    static LogFile of(Path path, LogFormat format) {
        var name = format.name(path);
        return new LogFile(path, name.model(), name.run(), format.modified(path), format);
    }

    /** The run's model and name, as {@code load} names the log at {@link #path}. */
    public RunName name() {
        return new RunName(modelName, runName);
    }

    /**
     * The names {@code logs list} shows for {@code logs}, one each, in order: {@code model/run},
     * lengthened where two collide ({@link RunNames}); the list prints each run's format beside it.
     */
    public static List<String> listNames(List<LogFile> logs) {
        return RunNames.distinct(
                logs.stream()
                        .map(log -> new RunNames.Run(log.name(), log.path(), log.format()))
                        .toList(),
                RunNames.Form.QUALIFIED,
                true);
    }
}
