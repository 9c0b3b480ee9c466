package dev.forgather.logs.cli;

import dev.forgather.logs.plot.PlotFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Where {@code forgather logs plot} writes its chart: SPEC's output-path rule as a pure function. */
final class PlotFileName {
    /** The folder, relative to the working directory, that charts go to without {@code --output}. */
    static final String DEFAULT_FOLDER = "tmp";

    private PlotFileName() {}

    /**
     * The path to write to.
     *
     * <ul>
     *   <li>{@code --output} as given, with {@code .<format>} appended when it does not end in
     *       {@code .png}, {@code .svg} or {@code .pdf} (any case): {@code plot} becomes {@code plot.svg};
     *   <li>else {@code tmp/<prefix><name>.<format>}, where name is {@code loss_curves} for the
     *       loss-curves chart, {@code plot_<metrics joined by _>} when metrics were asked for, else
     *       {@code training_plot}; prefix is the config template's file name without {@code .yaml}
     *       plus {@code _} ({@code -t configs/my_config.yaml} gives {@code my_config_}).
     * </ul>
     *
     * @param output the {@code --output} value; empty when not given
     * @param format the {@code --format} value
     * @param lossCurves whether the loss-curves chart is drawn
     * @param requestedMetrics the {@code --metrics} list; empty when not given
     * @param configTemplate the {@code -t} value; empty when not given
     */
    static Path resolve(
            Optional<String> output,
            PlotFormat format,
            boolean lossCurves,
            List<String> requestedMetrics,
            Optional<String> configTemplate) {
        if (output.isPresent()) {
            String given = output.get();
            return Path.of(
                    PlotFormat.ofFileName(Path.of(given)).isPresent() ? given : given + "." + format.extension());
        }
        String name;
        if (lossCurves) {
            name = "loss_curves";
        } else if (!requestedMetrics.isEmpty()) {
            name = "plot_"
                    + String.join(
                            "_",
                            requestedMetrics.stream()
                                    .map(PlotFileName::fileNamePart)
                                    .toList());
        } else {
            name = "training_plot";
        }
        return Path.of(DEFAULT_FOLDER, prefix(configTemplate) + name + "." + format.extension());
    }

    private static String prefix(Optional<String> configTemplate) {
        if (configTemplate.isEmpty() || configTemplate.get().isBlank()) {
            return "";
        }
        String template = configTemplate.get();
        // The template may be given as a path; only its file name names the chart.
        int slash = Math.max(template.lastIndexOf('/'), template.lastIndexOf('\\'));
        String name = template.substring(slash + 1);
        if (name.endsWith(".yaml")) {
            name = name.substring(0, name.length() - ".yaml".length());
        }
        return name.isEmpty() ? "" : fileNamePart(name) + "_";
    }

    // A metric such as "train/loss" must not turn the default file name into a folder.
    private static String fileNamePart(String text) {
        return text.trim().replaceAll("[/\\\\:*?\"<>|]", "_");
    }
}
