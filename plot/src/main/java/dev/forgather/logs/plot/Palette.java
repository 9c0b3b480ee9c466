package dev.forgather.logs.plot;

import java.awt.Color;
import java.util.List;

/** Matplotlib's ten "tab10" colours, in the order it hands them to successive lines. */
public final class Palette {
    static final List<Color> TAB10 = List.of(
            new Color(0x1f77b4), // blue
            new Color(0xff7f0e), // orange
            new Color(0x2ca02c), // green
            new Color(0xd62728), // red
            new Color(0x9467bd), // purple
            new Color(0x8c564b), // brown
            new Color(0xe377c2), // pink
            new Color(0x7f7f7f), // grey
            new Color(0xbcbd22), // olive
            new Color(0x17becf)); // cyan

    static final Color BLUE = TAB10.get(0);
    static final Color ORANGE = TAB10.get(1);
    static final Color GREEN = TAB10.get(2);

    private Palette() {}

    /** The colour of the {@code index}-th run, cycling after ten as matplotlib does. */
    public static Color color(int index) {
        return TAB10.get(Math.floorMod(index, TAB10.size()));
    }
}
