package dev.forgather.logs.plot; class Placeholder { org.jfree.chart.JFreeChart c; org.apache.batik.svggen.SVGGraphics2D s; de.rototor.pdfbox.graphics2d.PdfBoxGraphics2D p; }
