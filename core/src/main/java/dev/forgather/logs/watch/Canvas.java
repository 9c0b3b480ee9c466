package dev.forgather.logs.watch;

/**
 * A chart's drawing surface: character cells, each a small grid of dots
 * ({@link ChartCharset}), with one style per cell (the last curve drawn through it wins).
 * Coordinates are in dots, row 0 at the top.
 */
final class Canvas {
    private final ChartCharset charset;
    private final int columns;
    private final int rows;
    private final int[] masks;
    private final int[] styles;

    Canvas(ChartCharset charset, int columns, int rows) {
        this.charset = charset;
        this.columns = columns;
        this.rows = rows;
        this.masks = new int[columns * rows];
        this.styles = new int[columns * rows];
    }

    int dotWidth() {
        return columns * charset.dotColumns();
    }

    int dotHeight() {
        return rows * charset.dotRows();
    }

    void dot(int x, int y, int style) {
        if (x < 0 || y < 0 || x >= dotWidth() || y >= dotHeight()) {
            return;
        }
        int dc = charset.dotColumns();
        int dr = charset.dotRows();
        int cell = (y / dr) * columns + x / dc;
        masks[cell] |= 1 << ((y % dr) * dc + x % dc);
        styles[cell] = style;
    }

    /** The dots of column {@code x} from row {@code y0} to {@code y1}, both included, either order. */
    void vertical(int x, int y0, int y1, int style) {
        for (int y = Math.min(y0, y1); y <= Math.max(y0, y1); y++) {
            dot(x, y, style);
        }
    }

    /** A straight line of dots, Bresenham's. */
    void line(int x0, int y0, int x1, int y1, int style) {
        int dx = Math.abs(x1 - x0);
        int dy = -Math.abs(y1 - y0);
        int sx = x0 < x1 ? 1 : -1;
        int sy = y0 < y1 ? 1 : -1;
        int err = dx + dy;
        int x = x0;
        int y = y0;
        while (true) {
            dot(x, y, style);
            if (x == x1 && y == y1) {
                return;
            }
            int e2 = 2 * err;
            if (e2 >= dy) {
                err += dy;
                x += sx;
            }
            if (e2 <= dx) {
                err += dx;
                y += sy;
            }
        }
    }

    /** Copies character row {@code row} into {@code line} from column {@code at}. */
    void drawRow(int row, StyledLine.Builder line, int at) {
        for (int c = 0; c < columns; c++) {
            int cell = row * columns + c;
            if (masks[cell] != 0) {
                line.put(at + c, charset.glyph(masks[cell]), styles[cell]);
            }
        }
    }
}
