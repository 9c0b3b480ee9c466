package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.Plots;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

class PngEncoderTest {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    /** One chunk as it is in the file; {@code crc} is the stored one. */
    private record Chunk(String type, byte[] data, int crc) {}

    @Test
    void theDefaultChartReadsBackPixelForPixel() throws IOException {
        BufferedImage chart = ChartWriter.render(MetricsChart.build(
                List.of(TestLogs.lr1e3(), TestLogs.lr3e3()),
                PlotOptions.defaults().withSmoothWindow(10)));
        assertThat(chart.getWidth()).isEqualTo(3600);
        byte[] png = encode(chart);
        assertValid(png, chart);
        assertSamePixels(decode(png), chart);
    }

    @Test
    void noiseReadsBackPixelForPixelAcrossManyDataChunks() throws IOException {
        BufferedImage noise = noise(640, 480, 1);
        byte[] png = encode(noise);
        // Noise does not compress: 900 KB of samples need many chunks.
        assertThat(chunks(png).stream().filter(c -> c.type().equals("IDAT"))).hasSizeGreaterThan(10);
        assertValid(png, noise);
        assertSamePixels(decode(png), noise);
    }

    @Test
    void aTallNarrowImageReadsBackPixelForPixel() throws IOException {
        BufferedImage tall = noise(7, 20_000, 2);
        byte[] png = encode(tall);
        assertThat(chunks(png).stream().filter(c -> c.type().equals("IDAT"))).hasSizeGreaterThan(1);
        assertValid(png, tall);
        assertSamePixels(decode(png), tall);
    }

    @Test
    void smallAndOddSizesReadBackPixelForPixel() throws IOException {
        int[][] sizes = {{1, 1}, {1, 7}, {7, 1}, {3, 3}, {17, 5}, {333, 101}, {1001, 2}};
        for (int[] size : sizes) {
            BufferedImage image = noise(size[0], size[1], size[0] * 31 + size[1]);
            byte[] png = encode(image);
            assertValid(png, image);
            assertSamePixels(decode(png), image);
        }
    }

    @Test
    void flatAndBandedImagesReadBackPixelForPixel() throws IOException {
        // A row equal to the one above is the encoder's shortcut; a chart is mostly such rows.
        BufferedImage image = new BufferedImage(501, 300, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        g2.setColor(Color.WHITE);
        g2.fillRect(0, 0, 501, 300);
        g2.setColor(new Color(0x1f77b4));
        g2.fillRect(10, 100, 400, 3);
        g2.setColor(new Color(0xff7f0e));
        g2.drawLine(0, 299, 500, 0);
        g2.dispose();
        byte[] png = encode(image);
        assertValid(png, image);
        assertSamePixels(decode(png), image);
    }

    @Test
    void theUnusedTopByteOfEachPixelIsIgnored() throws IOException {
        BufferedImage image = noise(50, 40, 3);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        BufferedImage clean = noise(50, 40, 3);
        SplittableRandom random = new SplittableRandom(4);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (pixels[i] & 0xffffff) | (random.nextInt(256) << 24);
        }
        assertThat(encode(image)).isEqualTo(encode(clean));
        assertSamePixels(decode(encode(image)), clean);
    }

    @Test
    void theChunksAreThoseImageIoWroteWithTheSameHeaderAndResolution() throws IOException {
        BufferedImage chart = ChartWriter.render(MetricsChart.build(List.of(TestLogs.lr1e3()), PlotOptions.defaults()));
        ByteArrayOutputStream before = new ByteArrayOutputStream();
        ChartWriter.writePngWithImageIO(chart, before);
        List<Chunk> ours = chunks(encode(chart));
        List<Chunk> imageIo = chunks(before.toByteArray());
        assertThat(withoutData(ours)).containsExactlyElementsOf(withoutData(imageIo));
        for (int i : new int[] {0, 1}) {
            assertThat(ours.get(i).type()).isEqualTo(imageIo.get(i).type());
            assertThat(ours.get(i).data()).isEqualTo(imageIo.get(i).data());
        }
        assertSamePixels(decode(before.toByteArray()), chart);
    }

    @Test
    void aChartFileRecords300DpiAsImageIoReadsIt() throws IOException {
        Path file = dir.resolve("plot.png");
        Plots.metrics(List.of(TestLogs.lr1e3()), PlotOptions.defaults(), file);
        byte[] png = Files.readAllBytes(file);
        assertThat(chunks(png).get(0).type()).isEqualTo("IHDR");
        IIOMetadata metadata = metadata(png);
        Node physical = child(metadata.getAsTree("javax_imageio_png_1.0"), "pHYs");
        assertThat(attribute(physical, "pixelsPerUnitXAxis")).isEqualTo("11811");
        assertThat(attribute(physical, "pixelsPerUnitYAxis")).isEqualTo("11811");
        assertThat(attribute(physical, "unitSpecifier")).isEqualTo("meter");
        // The standard tree: millimetres per pixel, 25.4 / 300.
        Node dimension = child(metadata.getAsTree("javax_imageio_1.0"), "Dimension");
        float horizontal = Float.parseFloat(attribute(child(dimension, "HorizontalPixelSize"), "value"));
        assertThat(horizontal).isBetween(0.0846f, 0.0847f);
    }

    @Test
    void onlyPlainIntRgbImagesAreTakenAndTheRestStillWrittenWithImageIo() throws IOException {
        BufferedImage rgb = noise(40, 30, 5);
        assertThat(PngEncoder.canEncode(rgb)).isTrue();
        List<BufferedImage> others = List.of(
                new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB),
                new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR),
                rgb.getSubimage(3, 2, 20, 10));
        for (BufferedImage other : others) {
            assertThat(PngEncoder.canEncode(other)).as("%s", other).isFalse();
            assertThatThrownBy(() -> PngEncoder.write(other, 11811, new ByteArrayOutputStream()))
                    .isInstanceOf(IllegalArgumentException.class);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartWriter.writePng(other, out);
            assertThat(chunks(out.toByteArray())).extracting(Chunk::type).contains("pHYs");
            assertSamePixels(decode(out.toByteArray()), other);
        }
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ChartWriter.writePng(image, out);
        return out.toByteArray();
    }

    private static BufferedImage decode(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("ImageIO reads it").isNotNull();
        return image;
    }

    private static BufferedImage noise(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt(1 << 24);
        }
        return image;
    }

    private static void assertSamePixels(BufferedImage actual, BufferedImage expected) {
        int width = expected.getWidth();
        int height = expected.getHeight();
        assertThat(actual.getWidth()).isEqualTo(width);
        assertThat(actual.getHeight()).isEqualTo(height);
        int[] want = expected.getRGB(0, 0, width, height, null, 0, width);
        int[] got = actual.getRGB(0, 0, width, height, null, 0, width);
        int i = Arrays.mismatch(want, got);
        // Only the first difference is named: a message with every pixel would be megabytes.
        assertThat(i)
                .as(
                        "first differing pixel at (%d, %d): %08x, expected %08x",
                        i % width, i / width, i < 0 ? 0 : got[i], i < 0 ? 0 : want[i])
                .isEqualTo(-1);
    }

    /**
     * Checks the file as a decoder would: the signature, each chunk's CRC, IHDR first and IEND last,
     * the data chunks together, and their zlib stream inflating to exactly one filter byte and the
     * samples of each row.
     */
    private static void assertValid(byte[] png, BufferedImage image) {
        List<Chunk> chunks = chunks(png);
        CRC32 crc = new CRC32();
        for (Chunk chunk : chunks) {
            crc.reset();
            crc.update(chunk.type().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            crc.update(chunk.data());
            assertThat(chunk.crc()).as("CRC of %s", chunk.type()).isEqualTo((int) crc.getValue());
        }
        assertThat(chunks.get(0).type()).isEqualTo("IHDR");
        ByteBuffer header = ByteBuffer.wrap(chunks.get(0).data());
        assertThat(header.remaining()).isEqualTo(13);
        assertThat(header.getInt()).isEqualTo(image.getWidth());
        assertThat(header.getInt()).isEqualTo(image.getHeight());
        assertThat(new byte[] {header.get(), header.get(), header.get(), header.get(), header.get()})
                .as("8 bits, RGB, deflate, filter method 0, not interlaced")
                .containsExactly(8, 2, 0, 0, 0);
        assertThat(chunks.get(chunks.size() - 1)).satisfies(end -> {
            assertThat(end.type()).isEqualTo("IEND");
            assertThat(end.data()).isEmpty();
        });
        List<String> types = withoutData(chunks);
        assertThat(types).containsExactly("IHDR", "pHYs", "IDAT", "IEND");

        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Chunk chunk : chunks) {
            if (chunk.type().equals("IDAT")) {
                assertThat(chunk.data().length).isLessThanOrEqualTo(1 << 16);
                stream.writeBytes(chunk.data());
            }
        }
        int rowBytes = 1 + 3 * image.getWidth();
        byte[] rows = new byte[rowBytes * image.getHeight() + 1];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stream.toByteArray());
            int n = 0;
            while (!inflater.finished() && n < rows.length) {
                int got = inflater.inflate(rows, n, rows.length - n);
                assertThat(got > 0 || inflater.finished())
                        .as("inflating makes progress")
                        .isTrue();
                n += got;
            }
            assertThat(inflater.finished()).as("the zlib stream ends").isTrue();
            assertThat(inflater.getRemaining())
                    .as("nothing after the zlib stream")
                    .isZero();
            assertThat(n).isEqualTo(rows.length - 1);
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        for (int y = 0; y < image.getHeight(); y++) {
            assertThat(rows[y * rowBytes]).as("filter of row %d", y).isBetween((byte) 0, (byte) 4);
        }
    }

    /** The chunk types in order, runs of IDAT as one. */
    private static List<String> withoutData(List<Chunk> chunks) {
        List<String> types = new ArrayList<>();
        for (Chunk chunk : chunks) {
            if (!(chunk.type().equals("IDAT")
                    && !types.isEmpty()
                    && types.get(types.size() - 1).equals("IDAT"))) {
                types.add(chunk.type());
            }
        }
        return types;
    }

    private static List<Chunk> chunks(byte[] png) {
        assertThat(Arrays.copyOf(png, 8)).isEqualTo(SIGNATURE);
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        List<Chunk> chunks = new ArrayList<>();
        while (in.hasRemaining()) {
            assertThat(in.remaining())
                    .as("room for a chunk's length, type and CRC")
                    .isGreaterThanOrEqualTo(12);
            int length = in.getInt();
            assertThat(length).isBetween(0, in.remaining() - 8);
            byte[] type = new byte[4];
            in.get(type);
            byte[] data = new byte[length];
            in.get(data);
            chunks.add(new Chunk(new String(type, java.nio.charset.StandardCharsets.US_ASCII), data, in.getInt()));
        }
        return chunks;
    }

    private static IIOMetadata metadata(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return reader.getImageMetadata(0);
            } finally {
                reader.dispose();
            }
        }
    }

    private static Node child(Node parent, String name) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node.getNodeName().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no " + name + " under " + parent.getNodeName());
    }

    private static String attribute(Node node, String name) {
        return node.getAttributes().getNamedItem(name).getNodeValue();
    }
}
