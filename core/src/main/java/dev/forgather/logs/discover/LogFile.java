package dev.forgather.logs.discover;

import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * A log found in a project.
 *
 * @param path the file, as found under the project directory (e.g.
 *     {@code output_models/tiny_gpt/runs/a/trainer_logs.json})
 * @param modelName the folder before {@code runs/}, when there is one
 * @param runName the folder after {@code runs/}, else the log's parent folder
 * @param modified the file's last modification time
 * @param format the log's format as its reader names it ({@code forgather}, {@code huggingface},
 *     {@code tensorboard}, {@code lightning}, {@code mlflow}); empty when not yet known
 */
public record LogFile(Path path, Optional<String> modelName, String runName, FileTime modified, Optional<String> format) {
}
