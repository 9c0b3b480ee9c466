package dev.forgather.logs.plot;

import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D;
import de.rototor.pdfbox.graphics2d.PdfBoxGraphics2DFontTextDrawer;
import dev.forgather.logs.io.OutputTarget;
import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.apache.batik.dom.GenericDOMImplementation;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.util.SVGConstants;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes a {@link Figure} as PNG, SVG or PDF. Each format hands {@link Figure#draw} its own
 * {@link Graphics2D}: a 300 dpi image, Batik's SVG generator, or PDFBox's PDF canvas with DejaVu
 * Sans embedded so that text stays text. Files are written to a temporary file beside the target
 * and moved into place, so a failure never leaves a half-written chart behind.
 */
public final class ChartWriter {
    /** The resolution of PNG output, in pixels per inch. */
    public static final int DPI = 300;

    private static final double INCHES_PER_METRE = 1 / 0.0254;

    /** {@link #DPI} in the unit of PNG's {@code pHYs} chunk: 11,811 pixels per metre. */
    static final long PIXELS_PER_METRE = Math.round(DPI * INCHES_PER_METRE);

    private ChartWriter() {}

    /**
     * Writes {@code figure} to {@code target} in {@code format}, creating parent folders and
     * replacing an existing file.
     *
     * @throws IOException when the file cannot be written; no partial file is left behind
     */
    public static void write(Figure figure, PlotFormat format, Path target) throws IOException {
        write(figure, format, OutputTarget.of(target));
    }

    /** Writes {@code figure} to {@code target} in {@code format}, with {@link OutputTarget}'s rules. */
    public static void write(Figure figure, PlotFormat format, OutputTarget target) throws IOException {
        switch (format) {
            case PNG -> {
                // Drawn before the file is opened: a drawing error then leaves no file at all.
                BufferedImage image = render(figure);
                target.write(out -> writePng(image, out));
            }
            case SVG -> target.write(out -> writeSvg(figure, buffered(out)));
            case PDF -> target.write(out -> writePdf(figure, buffered(out)));
            default -> throw new AssertionError(format);
        }
    }

    // OutputTarget hands over an unbuffered file stream; Batik and PDFBox write in small pieces.
    private static OutputStream buffered(OutputStream out) {
        return new BufferedOutputStream(out, 1 << 16);
    }

    /** The figure drawn at {@link #DPI}: 12×8 inches is 3600×2400 pixels. */
    static BufferedImage render(Figure figure) {
        int width = (int) Math.round(figure.widthInches() * DPI);
        int height = (int) Math.round(figure.heightInches() * DPI);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g2.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            // The figure is laid out in points; scaling keeps text and lines their printed size.
            double scale = DPI / 72.0;
            g2.scale(scale, scale);
            figure.draw(g2, new Rectangle2D.Double(0, 0, figure.widthPoints(), figure.heightPoints()));
        } finally {
            g2.dispose();
        }
        return image;
    }

    /**
     * Writes {@code image} as PNG with its resolution recorded ({@code pHYs}, so that viewers and
     * word processors size it at {@link #DPI}): by {@link PngEncoder} when it takes the image, as it
     * does every image {@link #render} makes, else by ImageIO.
     */
    static void writePng(BufferedImage image, OutputStream out) throws IOException {
        if (PngEncoder.canEncode(image)) {
            PngEncoder.write(image, PIXELS_PER_METRE, out);
        } else {
            writePngWithImageIO(image, out);
        }
    }

    /** What {@link #writePng} did before {@link PngEncoder}: the same chunks, in more time. */
    static void writePngWithImageIO(BufferedImage image, OutputStream out) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            // Record the resolution, so that viewers and word processors size the image at 300 dpi.
            String pixelsPerMetre = Long.toString(PIXELS_PER_METRE);
            IIOMetadataNode physical = new IIOMetadataNode("pHYs");
            physical.setAttribute("pixelsPerUnitXAxis", pixelsPerMetre);
            physical.setAttribute("pixelsPerUnitYAxis", pixelsPerMetre);
            physical.setAttribute("unitSpecifier", "meter");
            IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
            root.appendChild(physical);
            metadata.mergeTree("javax_imageio_png_1.0", root);
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } finally {
            writer.dispose();
        }
    }

    private static void writeSvg(Figure figure, OutputStream out) throws IOException {
        Document document = GenericDOMImplementation.getDOMImplementation()
                .createDocument(SVGConstants.SVG_NAMESPACE_URI, "svg", null);
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(document);
        context.setComment("Generated by forgather-logs");
        // textAsShapes=false: labels stay <text>, searchable and selectable.
        SVGGraphics2D g2 = new SVGGraphics2D(context, false);
        double width = figure.widthPoints();
        double height = figure.heightPoints();
        g2.setSVGCanvasSize(new Dimension((int) Math.ceil(width), (int) Math.ceil(height)));
        figure.draw(g2, new Rectangle2D.Double(0, 0, width, height));
        Element root = g2.getRoot();
        // One user unit is one point: the page is its true size in inches, however it is shown.
        root.setAttribute("width", inches(figure.widthInches()));
        root.setAttribute("height", inches(figure.heightInches()));
        root.setAttribute("viewBox", "0 0 " + number(width) + " " + number(height));
        addFontFallback(root, "'" + ChartFont.family() + "'");
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        g2.stream(root, writer, true, false);
        writer.flush();
        g2.dispose();
    }

    /**
     * Lets a viewer without DejaVu Sans fall back to a similar font instead of its default serif:
     * Batik names only the font the chart was drawn with.
     */
    private static void addFontFallback(Element element, String family) {
        // Batik keeps presentation attributes in the DOM and turns them into CSS only when streaming.
        if (element.getAttribute("font-family").equals(family)) {
            element.setAttribute("font-family", family + ", 'Bitstream Vera Sans', Verdana, sans-serif");
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                addFontFallback(e, family);
            }
        }
    }

    private static void writePdf(Figure figure, OutputStream out) throws IOException {
        float width = (float) figure.widthPoints();
        float height = (float) figure.heightPoints();
        try (PDDocument document = new PDDocument();
                PdfBoxGraphics2DFontTextDrawer fonts = new PdfBoxGraphics2DFontTextDrawer()) {
            try (InputStream ttf = ChartFont.open()) {
                // Text drawn in this font becomes PDF text with the font subset embedded, not outlines.
                fonts.registerFont(ChartFont.name(), PDType0Font.load(document, ttf));
            }
            PDPage page = new PDPage(new PDRectangle(width, height));
            document.addPage(page);
            PdfBoxGraphics2D g2 = new PdfBoxGraphics2D(document, width, height);
            g2.setFontTextDrawer(fonts);
            try {
                figure.draw(g2, new Rectangle2D.Double(0, 0, width, height));
            } finally {
                g2.dispose();
            }
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.drawForm(g2.getXFormObject());
            }
            String title = pdfTitle(figure);
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title);
            info.setCreator("forgather-logs");
            info.setProducer("forgather-logs");
            // PDFBox would make a file ID from the clock; one from the content keeps output reproducible.
            byte[] id = digest(title + "|" + width + "x" + height);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            document.save(out);
            // PDFBox leaves the stream open and unflushed.
            out.flush();
        }
    }

    private static String pdfTitle(Figure figure) {
        if (figure.title().isPresent()) {
            return figure.title().get();
        }
        StringBuilder sb = new StringBuilder();
        for (var panel : figure.panels()) {
            if (panel.getTitle() != null) {
                sb.append(sb.length() == 0 ? "" : ", ").append(panel.getTitle().getText());
            }
        }
        return sb.toString();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        }
    }

    private static String inches(double value) {
        return number(value) + "in";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
    }
}
