package org.fovea.reporting.export;

import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Chinese font Fovea's PDFs are written in (reports, labels): WenQuanYi Zen Hei, TrueType
 * outlines (what PDFBox 3 embeds), subset into the document with its ToUnicode map. Open while
 * the document is written; closing it releases the font file.
 */
public final class CjkFont implements AutoCloseable {

    /** The font file the bootstrap installs; an admin can point elsewhere with {@code -Dfovea.pdf.font}. */
    static final Path FONT = Path.of(System.getProperty("fovea.pdf.font", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"));
    /** Its PostScript name, by which a collection names its fonts. */
    private static final String FONT_NAME = "WenQuanYiZenHei";

    private final TrueTypeCollection collection;
    private final PDType0Font font;

    private CjkFont(TrueTypeCollection collection, PDType0Font font) {
        this.collection = collection;
        this.font = font;
    }

    /**
     * The font, loaded into {@code doc}.
     *
     * @throws IOException saying what to install when the font file is missing
     */
    public static CjkFont load(PDDocument doc) throws IOException {
        if (!Files.isRegularFile(FONT)) {
            throw new IOException("The PDF font " + FONT + " is missing: install Debian's fonts-wqy-zenhei "
                    + "(scripts/bootstrap does), or name a TrueType CJK font with -Dfovea.pdf.font");
        }
        TrueTypeCollection ttc = new TrueTypeCollection(FONT.toFile());
        try {
            TrueTypeFont ttf = ttc.getFontByName(FONT_NAME);
            if (ttf == null) {
                throw new IOException(FONT + " holds no font named " + FONT_NAME);
            }
            return new CjkFont(ttc, PDType0Font.load(doc, ttf, true));
        } catch (IOException | RuntimeException e) {
            ttc.close();
            throw e;
        }
    }

    public PDType0Font font() {
        return font;
    }

    @Override
    public void close() throws IOException {
        collection.close();
    }
}
