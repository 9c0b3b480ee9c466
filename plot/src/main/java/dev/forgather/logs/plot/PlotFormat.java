package dev.forgather.logs.plot;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats a chart can be written in: a 300 dpi raster image or a vector file with real text. */
public enum PlotFormat {
    /** Portable Network Graphics at 300 dpi. */
    PNG,
    /** Scalable Vector Graphics; text stays {@code <text>}. */
    SVG,
    /** Portable Document Format with an embedded font; text stays selectable. */
    PDF;

    /** The file name ending without the dot, e.g. {@code png}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format named by {@code name} ({@code png}, {@code svg} or {@code pdf}, any case); empty for others. */
    public static Optional<PlotFormat> parse(String name) {
        for (PlotFormat format : values()) {
            if (format.extension().equalsIgnoreCase(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** The format a file name's ending names ({@code .png}, {@code .svg}, {@code .pdf}, any case); empty for others. */
    public static Optional<PlotFormat> ofFileName(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return Optional.empty();
        }
        String text = name.toString();
        int dot = text.lastIndexOf('.');
        return dot < 0 ? Optional.empty() : parse(text.substring(dot + 1));
    }
}
