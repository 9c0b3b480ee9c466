package dev.forgather.logs.plot;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * DejaVu Sans, matplotlib's default font, shipped in the jar: every chart looks the same on every
 * machine, and the PDF writer embeds the very font the layout was measured with.
 */
final class ChartFont {
    private static final String RESOURCE = "fonts/DejaVuSans.ttf";
    private static final Font BASE = load();

    private ChartFont() {}

    /** DejaVu Sans at {@code sizePoints}. */
    static Font of(float sizePoints) {
        return BASE.deriveFont(sizePoints);
    }

    /** The font's name as {@link Font#getFontName()} reports it; PDF text drawing is keyed by it. */
    static String name() {
        return BASE.getFontName();
    }

    /** The font's family name, e.g. as SVG names it. */
    static String family() {
        return BASE.getFamily();
    }

    /** The TrueType file, for embedding; the caller closes it. */
    static InputStream open() {
        InputStream in = ChartFont.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing resource " + RESOURCE);
        }
        return in;
    }

    private static Font load() {
        try (InputStream in = open()) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("bad font " + RESOURCE, e);
        }
    }
}
