package dev.forgather.logs.plot;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a {@link BufferedImage#TYPE_INT_RGB} image as an 8-bit RGB PNG with a resolution
 * ({@code pHYs}) chunk: the chunks ImageIO's writer made for {@link ChartWriter}, with the same
 * pixels, in a third of the time.
 *
 * <p>Written by hand because measurement showed the library to be the bottleneck: ImageIO's PNG
 * writer was 27 % of a 1M-record plot's samples ({@code PNGImageWriter.encodePass} 15 % self,
 * {@code Raster.getPixels} 9 %; BENCHMARKS.md), as it copies an {@code int} per sample out of the
 * raster, row by row, and tries five filters on every row, in the client compiler's code; no
 * deflate level made it faster. This reads the image's {@code int[]} directly, filters every row
 * with {@code Up} (a chart is mostly flat colour, so a row is mostly the one above it) and deflates
 * at level 1, both chosen by measurement (BENCHMARKS.md, "What this round changed").
 *
 * <p>Only what {@link ChartWriter#render} makes is taken: {@link #canEncode} says whether an image
 * is one; the caller writes anything else with ImageIO.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** PNG's filter type bytes, before each row. */
    private static final byte FILTER_UP = 2;

    /**
     * The deflate level. On the default 3600×2400 chart, in a fresh client-compiler JVM: level 1
     * deflates in about 65 ms to 318 KB; levels 2 and 3 are no smaller; level 4 (ImageIO's
     * default) makes 222 KB but takes three times as long: from level 4 on, zlib hashes every
     * byte of every match, the long runs of zeros that {@code Up} leaves included.
     */
    private static final int LEVEL = 1;

    /** The most compressed bytes in one IDAT chunk; any size is valid PNG. */
    private static final int IDAT_SIZE = 1 << 16;

    /** About how many bytes of filtered rows go to the deflater at once. */
    private static final int INPUT_SIZE = 1 << 16;

    private PngEncoder() {}

    /**
     * Whether {@link #write} takes {@code image}: {@link BufferedImage#TYPE_INT_RGB} over a plain
     * {@code int[]}, one pixel per element, rows one after the other (not a sub-image of a larger
     * one).
     */
    static boolean canEncode(BufferedImage image) {
        if (image.getType() != BufferedImage.TYPE_INT_RGB) {
            return false;
        }
        Raster raster = image.getRaster();
        return raster.getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1
                && buffer.getOffset() == 0
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == image.getWidth()
                && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0
                && raster.getParent() == null;
    }

    /**
     * Writes {@code image} as PNG to {@code out}, a chunk per {@code write} call, and does not
     * close it.
     *
     * @param pixelsPerMetre the resolution recorded in the {@code pHYs} chunk, both axes
     * @throws IllegalArgumentException if {@link #canEncode} is false for {@code image}
     */
    static void write(BufferedImage image, long pixelsPerMetre, OutputStream out) throws IOException {
        if (!canEncode(image)) {
            throw new IllegalArgumentException("not a plain TYPE_INT_RGB image: " + image);
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        CRC32 crc = new CRC32();
        out.write(SIGNATURE);

        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample
        header[9] = 2; // colour type: RGB
        // Compression 0 (deflate), filter method 0, no interlace: header[10..12] stay 0.
        writeChunk(out, "IHDR", header, header.length, crc);

        byte[] physical = new byte[9];
        putInt(physical, 0, (int) pixelsPerMetre);
        putInt(physical, 4, (int) pixelsPerMetre);
        physical[8] = 1; // the unit is the metre
        writeChunk(out, "pHYs", physical, physical.length, crc);

        writeImageData(pixels, width, height, out, crc);
        writeChunk(out, "IEND", new byte[0], 0, crc);
    }

    private static void writeImageData(int[] pixels, int width, int height, OutputStream out, CRC32 crc)
            throws IOException {
        int rowBytes = 1 + 3 * width;
        int rowsPerBatch = Math.max(1, INPUT_SIZE / rowBytes);
        byte[] filtered = new byte[rowsPerBatch * rowBytes];
        // The chunk is laid out whole, length and type before the data and room for its CRC after.
        byte[] chunk = new byte[8 + IDAT_SIZE + 4];
        chunk[4] = 'I';
        chunk[5] = 'D';
        chunk[6] = 'A';
        chunk[7] = 'T';
        int used = 0;
        Deflater deflater = new Deflater(LEVEL);
        try {
            for (int y = 0; y < height; ) {
                int rows = Math.min(rowsPerBatch, height - y);
                for (int i = 0; i < rows; i++, y++) {
                    filterUp(pixels, width, y, filtered, i * rowBytes);
                }
                deflater.setInput(filtered, 0, rows * rowBytes);
                if (y == height) {
                    deflater.finish();
                }
                while (!(y == height ? deflater.finished() : deflater.needsInput())) {
                    used += deflater.deflate(chunk, 8 + used, IDAT_SIZE - used);
                    if (used == IDAT_SIZE) {
                        writeData(out, chunk, used, crc);
                        used = 0;
                    }
                }
            }
            if (used > 0 || height == 0) {
                writeData(out, chunk, used, crc);
            }
        } finally {
            deflater.end();
        }
    }

    /**
     * Row {@code y} with filter {@code Up}: each byte less the byte above it, modulo 256; the first
     * row is taken to have zeros above it.
     */
    private static void filterUp(int[] pixels, int width, int y, byte[] to, int at) {
        to[at++] = FILTER_UP;
        int row = y * width;
        int end = row + width;
        if (y == 0) {
            for (int i = row; i < end; i++, at += 3) {
                int p = pixels[i];
                to[at] = (byte) (p >> 16);
                to[at + 1] = (byte) (p >> 8);
                to[at + 2] = (byte) p;
            }
            return;
        }
        for (int i = row; i < end; i++, at += 3) {
            int p = pixels[i];
            int above = pixels[i - width];
            if (p == above) {
                // Most of a chart: only the difference is written, and it is zero.
                to[at] = 0;
                to[at + 1] = 0;
                to[at + 2] = 0;
            } else {
                to[at] = (byte) ((p >> 16) - (above >> 16));
                to[at + 1] = (byte) ((p >> 8) - (above >> 8));
                to[at + 2] = (byte) (p - above);
            }
        }
    }

    private static void writeData(OutputStream out, byte[] chunk, int length, CRC32 crc) throws IOException {
        putInt(chunk, 0, length);
        crc.reset();
        crc.update(chunk, 4, 4 + length);
        putInt(chunk, 8 + length, (int) crc.getValue());
        out.write(chunk, 0, 8 + length + 4);
    }

    private static void writeChunk(OutputStream out, String type, byte[] data, int length, CRC32 crc)
            throws IOException {
        byte[] chunk = new byte[8 + length + 4];
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, chunk, 4, 4);
        System.arraycopy(data, 0, chunk, 8, length);
        writeData(out, chunk, length, crc);
    }

    private static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }
}
