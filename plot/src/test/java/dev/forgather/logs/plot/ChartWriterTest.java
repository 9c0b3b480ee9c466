package dev.forgather.logs.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forgather.logs.Plots;
import dev.forgather.logs.model.TrainingLog;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.PlotState;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

class ChartWriterTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    private static List<TrainingLog> both() {
        return List.of(TestLogs.lr1e3(), TestLogs.lr3e3());
    }

    private static BufferedImage readPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(PNG_SIGNATURE);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void metricsPngIsTwelveByEightInchesAt300Dpi() throws IOException {
        Path file = dir.resolve("training_plot.png");
        Plots.metrics(List.of(TestLogs.lr1e3()), PlotOptions.defaults(), file);
        BufferedImage image = readPng(file);
        assertThat(image.getWidth()).isEqualTo(3600);
        assertThat(image.getHeight()).isEqualTo(2400);
    }

    @Test
    void lossCurvesPngIsTwelveBySixForOneRunAndSixteenBySixForSeveral() throws IOException {
        Path one = dir.resolve("one.png");
        Path compared = dir.resolve("compared.png");
        Plots.lossCurves(List.of(TestLogs.lr1e3()), PlotOptions.defaults(), one);
        Plots.lossCurves(both(), PlotOptions.defaults(), compared);
        BufferedImage oneImage = readPng(one);
        assertThat(oneImage.getWidth()).isEqualTo(3600);
        assertThat(oneImage.getHeight()).isEqualTo(1800);
        BufferedImage comparedImage = readPng(compared);
        assertThat(comparedImage.getWidth()).isEqualTo(4800);
        assertThat(comparedImage.getHeight()).isEqualTo(1800);
    }

    @Test
    void everyPanelShowsEveryRunsColour() {
        Figure figure = MetricsChart.build(both(), PlotOptions.defaults());
        BufferedImage image = ChartWriter.render(figure);
        List<Rectangle2D> cells = cellsInPixels(figure);
        for (int panel = 0; panel < 3; panel++) {
            assertThat(count(image, cells.get(panel), Palette.BLUE))
                    .as("blue in panel %d", panel)
                    .isGreaterThan(500);
            assertThat(count(image, cells.get(panel), Palette.ORANGE))
                    .as("orange in panel %d", panel)
                    .isGreaterThan(500);
            assertThat(count(image, cells.get(panel), Palette.GREEN))
                    .as("no third run")
                    .isZero();
        }
    }

    @Test
    void smoothingShowsABoldLineOverAFaintButVisibleRawLine() {
        PlotOptions options = PlotOptions.defaults().withMetrics(List.of("loss"));
        BufferedImage plain = ChartWriter.render(MetricsChart.build(List.of(TestLogs.lr1e3()), options));
        BufferedImage smooth =
                ChartWriter.render(MetricsChart.build(List.of(TestLogs.lr1e3()), options.withSmoothWindow(10)));
        Rectangle2D all = new Rectangle2D.Double(0, 0, plain.getWidth(), plain.getHeight());
        Color faintBlue = overWhite(ChartLook.faint(Palette.BLUE));
        // The raw line is 4 pixels wide at 300 dpi: thousands of pixels of its see-through colour,
        // where the unsmoothed chart has only the anti-aliased edges of its line.
        long faintPlain = countNear(plain, all, faintBlue, 6);
        long faintSmooth = countNear(smooth, all, faintBlue, 6);
        assertThat(faintSmooth).isGreaterThan(2000).isGreaterThan(4 * faintPlain);
        assertThat(count(smooth, all, Palette.BLUE))
                .as("the smoothed line is solid")
                .isGreaterThan(5000);
    }

    @Test
    void svgIsParsableAndHoldsOneLinePerSeriesAndItsTextAsText() throws Exception {
        Path file = dir.resolve("plot.svg");
        Plots.metrics(both(), PlotOptions.defaults().withSmoothWindow(10), file);
        Document svg = parse(file);
        Element root = svg.getDocumentElement();
        assertThat(root.getTagName()).isEqualTo("svg");
        assertThat(root.getAttribute("width")).isEqualTo("12in");
        assertThat(root.getAttribute("height")).isEqualTo("8in");
        // Per run: loss raw + smoothed, eval loss (too short to smooth), learning rate raw + smoothed.
        assertThat(linesStrokedIn(svg, "rgb(31,119,180)")).isEqualTo(5);
        assertThat(linesStrokedIn(svg, "rgb(255,127,14)")).isEqualTo(5);
        List<String> texts = texts(svg);
        assertThat(texts)
                .contains(
                        "Loss vs Global Step",
                        "Eval Loss vs Global Step",
                        "Learning Rate vs Global Step",
                        "Global Step",
                        "Loss",
                        "Eval Loss",
                        "Learning Rate",
                        "tiny_gpt/adamw_lr1e-3",
                        "tiny_gpt/adamw_lr3e-3",
                        "1000",
                        "1400",
                        "0.0030");
        assertThat(texts).doesNotContain("1,000");
    }

    @Test
    void pdfHoldsSelectableTextInAnEmbeddedFont() throws IOException {
        Path file = dir.resolve("loss.pdf");
        Plots.lossCurves(List.of(TestLogs.lr1e3()), PlotOptions.defaults(), file);
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            PDPage page = pdf.getPage(0);
            assertThat(page.getMediaBox().getWidth()).isEqualTo(12 * 72f);
            assertThat(page.getMediaBox().getHeight()).isEqualTo(6 * 72f);
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains("Training Progress", "Global Step", "Loss", "Learning Rate", "tiny_gpt Eval Loss");
            List<PDFont> fonts = new ArrayList<>();
            collectFonts(page, fonts);
            assertThat(fonts).isNotEmpty().allMatch(PDFont::isEmbedded);
            assertThat(fonts).extracting(PDFont::getName).allMatch(name -> name.contains("DejaVuSans"));
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Training Progress");
        }
    }

    @Test
    void vectorFilesAreTheSameEveryTime() throws IOException {
        for (String name : List.of("a.svg", "b.svg", "a.pdf", "b.pdf")) {
            Plots.lossCurves(both(), PlotOptions.defaults().withTitle("Compared"), dir.resolve(name));
        }
        assertThat(Files.readAllBytes(dir.resolve("a.svg"))).isEqualTo(Files.readAllBytes(dir.resolve("b.svg")));
        assertThat(Files.readAllBytes(dir.resolve("a.pdf"))).isEqualTo(Files.readAllBytes(dir.resolve("b.pdf")));
    }

    @Test
    void formatFollowsTheFileNameElseTheOption() throws IOException {
        Path svg = dir.resolve("named.svg");
        Path pdf = dir.resolve("untyped");
        Plots.metrics(List.of(TestLogs.lr1e3()), PlotOptions.defaults(), svg);
        Plots.metrics(List.of(TestLogs.lr1e3()), PlotOptions.defaults().withFormat(PlotFormat.PDF), pdf);
        assertThat(Files.readString(svg)).startsWith("<?xml");
        assertThat(new String(Files.readAllBytes(pdf), 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("%PDF-");
    }

    @Test
    void missingFoldersAreCreatedAndNoTemporaryFileIsLeft() throws IOException {
        Path file = dir.resolve("figures/deep/plot.png");
        Plots.metrics(List.of(TestLogs.lr1e3()), PlotOptions.defaults(), file);
        assertThat(file).isRegularFile();
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aFailedDrawingLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("plot.svg");
        Files.writeString(file, "old chart");
        XYPlot broken = new XYPlot() {
            @Override
            public void draw(
                    Graphics2D g2,
                    Rectangle2D area,
                    java.awt.geom.Point2D anchor,
                    PlotState state,
                    PlotRenderingInfo info) {
                throw new IllegalStateException("drawing failed");
            }
        };
        Figure figure = new Figure(4, 3, Optional.empty(), List.of(new JFreeChart(broken)), 1);
        for (PlotFormat format : PlotFormat.values()) {
            assertThatThrownBy(() -> ChartWriter.write(figure, format, file)).hasMessage("drawing failed");
        }
        assertThat(Files.readString(file)).isEqualTo("old chart");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    private static List<Rectangle2D> cellsInPixels(Figure figure) {
        double scale = ChartWriter.DPI / 72.0;
        List<Rectangle2D> cells = new ArrayList<>();
        for (Rectangle2D cell :
                figure.cells(new Rectangle2D.Double(0, 0, figure.widthPoints(), figure.heightPoints()))) {
            cells.add(new Rectangle2D.Double(
                    cell.getX() * scale, cell.getY() * scale, cell.getWidth() * scale, cell.getHeight() * scale));
        }
        return cells;
    }

    private static long count(BufferedImage image, Rectangle2D area, Color colour) {
        return countNear(image, area, colour, 0);
    }

    private static long countNear(BufferedImage image, Rectangle2D area, Color colour, int tolerance) {
        long n = 0;
        for (int y = (int) area.getMinY(); y < Math.min(image.getHeight(), (int) area.getMaxY()); y++) {
            for (int x = (int) area.getMinX(); x < Math.min(image.getWidth(), (int) area.getMaxX()); x++) {
                int rgb = image.getRGB(x, y);
                if (Math.abs(((rgb >> 16) & 0xff) - colour.getRed()) <= tolerance
                        && Math.abs(((rgb >> 8) & 0xff) - colour.getGreen()) <= tolerance
                        && Math.abs((rgb & 0xff) - colour.getBlue()) <= tolerance) {
                    n++;
                }
            }
        }
        return n;
    }

    private static Color overWhite(Color colour) {
        double a = colour.getAlpha() / 255.0;
        return new Color(
                (int) Math.round(255 - a * (255 - colour.getRed())),
                (int) Math.round(255 - a * (255 - colour.getGreen())),
                (int) Math.round(255 - a * (255 - colour.getBlue())));
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG 1.0 DOCTYPE names a DTD on w3.org; a test must not fetch it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** Paths of at least two segments whose stroke, set on them or inherited, is {@code colour}. */
    private static int linesStrokedIn(Document svg, String colour) {
        NodeList paths = svg.getElementsByTagNameNS("*", "path");
        int n = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            Element path = (Element) paths.item(i);
            if (path.getAttribute("d").split("L").length > 2
                    && colour.equals(inherited(path, "stroke"))
                    && !insideClipPath(path)) {
                n++;
            }
        }
        return n;
    }

    private static String inherited(Element element, String property) {
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            for (String declaration : e.getAttribute("style").split(";")) {
                String[] parts = declaration.split(":", 2);
                if (parts.length == 2 && parts[0].trim().equals(property)) {
                    return parts[1].trim();
                }
            }
        }
        return null;
    }

    private static boolean insideClipPath(Element element) {
        for (Node node = element.getParentNode(); node instanceof Element e; node = node.getParentNode()) {
            if (e.getLocalName().equals("clipPath")) {
                return true;
            }
        }
        return false;
    }

    private static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS("*", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent().trim());
        }
        return texts;
    }

    private static void collectFonts(PDPage page, List<PDFont> fonts) throws IOException {
        // The chart is one form XObject on the page; its fonts live in the form's resources.
        var resources = page.getResources();
        for (var name : resources.getXObjectNames()) {
            if (resources.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject form) {
                for (var fontName : form.getResources().getFontNames()) {
                    fonts.add(form.getResources().getFont(fontName));
                }
            }
        }
        for (var fontName : resources.getFontNames()) {
            fonts.add(resources.getFont(fontName));
        }
    }
}
