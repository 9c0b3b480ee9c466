package dev.forgather.logs.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The scripts and style sheets every report inlines: uPlot's, read from its webjar on the class
 * path (the build puts the webjar there; nothing of uPlot is copied into our sources), and the
 * report's own.
 */
final class Assets {
    private static final Properties PROPERTIES = load();

    private Assets() {}

    /** uPlot's minified script, as published (its licence header included). */
    static String uplotScript() {
        return uplot("dist/uPlot.iife.min.js");
    }

    /** uPlot's style sheet. */
    static String uplotStyle() {
        return uplot("dist/uPlot.min.css");
    }

    /** uPlot's version, e.g. {@code 1.6.30}. */
    static String uplotVersion() {
        return PROPERTIES.getProperty("uplot.version");
    }

    /** This tool's version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String toolVersion() {
        return PROPERTIES.getProperty("forgather.version");
    }

    static String reportScript() {
        return resource("/dev/forgather/logs/report/report.js");
    }

    static String reportStyle() {
        return resource("/dev/forgather/logs/report/report.css");
    }

    private static String uplot(String file) {
        return resource("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/" + file);
    }

    private static String resource(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path (is the uplot webjar missing?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Assets.class.getResourceAsStream("/dev/forgather/logs/report/assets.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
