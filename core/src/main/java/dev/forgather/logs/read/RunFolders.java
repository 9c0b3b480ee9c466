package dev.forgather.logs.read;

import dev.forgather.logs.model.RunName;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Names a run from its folder, the same way whatever format its log is in, so that one run read
 * from two files (a Lightning run's event file and its {@code metrics.csv}) gets one name:
 *
 * <ul>
 *   <li>below a {@code runs} folder (Forgather's {@code output_models/<model>/runs/<run>}, the
 *       Hugging Face trainer's {@code <output>/runs/<date>_<host>}): the model is the folder
 *       before {@code runs}, the run the path after it ({@code <run>/<subfolder>} for a folder
 *       inside a run, such as TensorBoard's hparams folder or Keras's {@code train} and
 *       {@code validation}, so it is not mistaken for the run);
 *   <li>a Lightning {@code version_<n>} folder: the run is {@code version_<n>}, the model the folder
 *       above, unless that is Lightning's default {@code lightning_logs};
 *   <li>any other folder: the run is the folder's name, with no model.
 * </ul>
 */
final class RunFolders {
    private static final String RUNS = "runs";
    private static final Pattern LIGHTNING_VERSION = Pattern.compile("version_\\d+");
    private static final String LIGHTNING_DEFAULT_NAME = "lightning_logs";

    private RunFolders() {}

    /** The name of the run whose folder is {@code folder}. */
    static RunName name(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        int n = absolute.getNameCount();
        // The folder itself, or one folder inside a run: deeper, a `runs` far up the path (a home
        // folder's) would name every run below it.
        for (int i = n - 2; i >= Math.max(0, n - 3); i--) {
            if (absolute.getName(i).toString().equals(RUNS)) {
                String run = absolute.subpath(i + 1, n)
                        .toString()
                        .replace(absolute.getFileSystem().getSeparator(), "/");
                Optional<String> model =
                        i > 0 ? Optional.of(absolute.getName(i - 1).toString()) : Optional.empty();
                return new RunName(model, run);
            }
        }
        if (n == 0) {
            return RunName.of(absolute.toString());
        }
        String name = absolute.getFileName().toString();
        if (LIGHTNING_VERSION.matcher(name).matches() && n >= 2) {
            String logger = absolute.getName(n - 2).toString();
            return logger.equals(LIGHTNING_DEFAULT_NAME) ? RunName.of(name) : RunName.of(logger, name);
        }
        return RunName.of(name);
    }
}
