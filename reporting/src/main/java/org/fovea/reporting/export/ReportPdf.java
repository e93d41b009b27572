package org.fovea.reporting.export;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.StudyRef;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A report as a PDF on A4: the hospital's header and logo, the patient and exam block, findings
 * (检查所见), impression (诊断意见), the report's images two to a row (图文报告), author, times,
 * status, page numbers, and a QR code of its {@link ReportIdentifier}. A preliminary report
 * says so in red on every page.
 *
 * <p>The Chinese font is WenQuanYi Zen Hei (Debian {@code fonts-wqy-zenhei}), embedded as a
 * subset with its ToUnicode map so the text stays extractable. Debian's Noto CJK fonts are
 * OpenType with CFF outlines, which PDFBox 3 embeds only as TrueType-outlined fonts
 * ({@code PDType0Font.load} reads the glyf table), so a TrueType-outlined CJK font is required.
 */
public final class ReportPdf {

    private static final float MARGIN = 50;
    private static final float BODY = 10.5f;
    private static final float LEADING = 15;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final PDDocument doc;
    private final PDType0Font font;
    private final PdfLayout layout;
    private final Report report;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream out;
    private float y;

    private ReportPdf(PDDocument doc, PDType0Font font, PdfLayout layout, Report report) {
        this.doc = doc;
        this.font = font;
        this.layout = layout;
        this.report = report;
    }

    /** The report's PDF in memory (for DICOM, preview and printing). */
    public static byte[] bytes(Report report, PdfLayout layout) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(report, layout, out);
        return out.toByteArray();
    }

    public static void write(Report report, PdfLayout layout, OutputStream target) throws IOException {
        try (PDDocument doc = new PDDocument(); CjkFont cjk = CjkFont.load(doc)) {
            PDType0Font font = cjk.font();
            new ReportPdf(doc, font, layout, report).layOut();
            doc.getDocumentInformation().setTitle(layout.title() + " " + report.study().accessionNumber());
            doc.save(target);
        }
    }

    private void layOut() throws IOException {
        newPage();
        patientBlock();
        section("检查所见", report.findings());
        section("诊断意见", report.impression());
        images();
        signature();
        out.close();
        footers();
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        pages.add(page);
        out = new PDPageContentStream(doc, page);
        float top = PDRectangle.A4.getHeight() - MARGIN;
        float left = MARGIN;
        if (!layout.logo().isEmpty() && Files.isRegularFile(Path.of(layout.logo()))) {
            PDImageXObject logo = PDImageXObject.createFromFile(layout.logo(), doc);
            float h = 40;
            float w = logo.getWidth() * h / logo.getHeight();
            out.drawImage(logo, MARGIN, top - h, w, h);
            left += w + 10;
        }
        text(layout.hospital() + (layout.department().isEmpty() ? "" : "  " + layout.department()), left, top - 14, 13);
        text(layout.title(), left, top - 36, 18);
        qr(PDRectangle.A4.getWidth() - MARGIN - 60, top - 60, 60);
        y = top - 72;
        if (report.status() == ReportStatus.PRELIMINARY) {
            out.setNonStrokingColor(0.8f, 0.1f, 0.1f);
            text("初步报告 PRELIMINARY —— 非最终报告", MARGIN, y, 14);
            out.setNonStrokingColor(0f, 0f, 0f);
            y -= 20;
        }
        rule();
    }

    private void patientBlock() throws IOException {
        StudyRef s = report.study();
        String name = org.fovea.reporting.template.MergeFields.displayName(s.patientName());
        String sex = Map.of("M", "男", "F", "女").getOrDefault(s.sex(), s.sex());
        String[][] rows = {
                {"姓名：" + name, "性别：" + sex, "年龄：" + s.age(), "患者ID：" + s.patientId()},
                {"检查号：" + s.accessionNumber(), "检查类型：" + s.modality(), "部位：" + s.bodyPart(),
                        "检查日期：" + (s.studyDate() == null ? "" : s.studyDate())},
                {"检查项目：" + s.examItem(), "申请医生：" + s.requestingPhysician(), "", ""}};
        float col = (PDRectangle.A4.getWidth() - 2 * MARGIN) / 4;
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                text(row[i], MARGIN + i * col, y, 9.5f);
            }
            y -= LEADING;
        }
        rule();
    }

    private void section(String title, String body) throws IOException {
        need(LEADING * 3);
        text(title, MARGIN, y, 12);
        y -= LEADING + 2;
        for (String line : wrap(body, PDRectangle.A4.getWidth() - 2 * MARGIN - 10, BODY)) {
            need(LEADING);
            text(line, MARGIN + 10, y, BODY);
            y -= LEADING;
        }
        y -= 6;
    }

    private void images() throws IOException {
        List<ReportImage> list = report.images();
        if (list.isEmpty()) {
            return;
        }
        float width = (PDRectangle.A4.getWidth() - 2 * MARGIN - 20) / 2;
        float height = width * 0.8f;
        need(LEADING + height + LEADING);
        text("图像", MARGIN, y, 12);
        y -= LEADING + 2;
        for (int i = 0; i < list.size(); i += 2) {
            need(height + LEADING);
            for (int k = 0; k < 2 && i + k < list.size(); k++) {
                ReportImage im = list.get(i + k);
                PDImageXObject x = PDImageXObject.createFromByteArray(doc, im.png(), im.caption());
                float scale = Math.min(width / x.getWidth(), height / x.getHeight());
                float left = MARGIN + k * (width + 20);
                out.drawImage(x, left, y - x.getHeight() * scale, x.getWidth() * scale, x.getHeight() * scale);
                text(im.caption(), left, y - height - 11, 8.5f);
            }
            y -= height + LEADING + 4;
        }
    }

    private void signature() throws IOException {
        need(LEADING * 2);
        rule();
        String status = switch (report.status()) {
            case DRAFT -> "草稿";
            case PRELIMINARY -> "初步报告";
            case SUBMITTED -> "待审核";
            case RETURNED -> "已退回";
            case FINAL -> "已签发";
            case RECALLED -> "已召回";
        };
        text("报告医生：" + report.author() + "    报告时间：" + TIME.format(report.updated()) + "    状态：" + status,
                MARGIN, y, 9.5f);
        y -= LEADING;
    }

    /** Page numbers and, on every page after the first, the patient line and the preliminary mark. */
    private void footers() throws IOException {
        int n = pages.size();
        for (int i = 0; i < n; i++) {
            try (PDPageContentStream f = new PDPageContentStream(doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true, true)) {
                f.beginText();
                f.setFont(font, 8.5f);
                f.newLineAtOffset(PDRectangle.A4.getWidth() / 2 - 40, 28);
                f.showText("第 " + (i + 1) + " 页 / 共 " + n + " 页");
                f.endText();
                f.beginText();
                f.setFont(font, 8);
                f.newLineAtOffset(MARGIN, 28);
                f.showText(org.fovea.reporting.template.MergeFields.displayName(report.study().patientName()) + "  " + report.study().patientId() + "  "
                        + report.study().accessionNumber());
                f.endText();
            }
        }
    }

    private void need(float space) throws IOException {
        if (y - space < MARGIN + 20) {
            newPage();
        }
    }

    private void rule() throws IOException {
        out.moveTo(MARGIN, y + 4);
        out.lineTo(PDRectangle.A4.getWidth() - MARGIN, y + 4);
        out.setLineWidth(0.6f);
        out.stroke();
        y -= 12;
    }

    private void text(String s, float x, float at, float size) throws IOException {
        if (s == null || s.isEmpty()) {
            return;
        }
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(x, at);
        out.showText(printable(s));
        out.endText();
    }

    private void qr(float x, float at, float size) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(ReportIdentifier.of(report).encode(), BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 1));
        } catch (WriterException e) {
            throw new IOException("The report's QR code cannot be made: " + e.getMessage(), e);
        }
        float cell = size / m.getWidth();
        for (int r = 0; r < m.getHeight(); r++) {
            for (int c = 0; c < m.getWidth(); c++) {
                if (m.get(c, r)) {
                    out.addRect(x + c * cell, at + size - (r + 1) * cell, cell, cell);
                }
            }
        }
        out.fill();
    }

    /**
     * Lines of at most {@code width} points: Chinese breaks between any two characters, Latin
     * words at spaces (a word longer than a line is cut).
     */
    List<String> wrap(String text, float width, float size) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String para : printable(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            float used = 0;
            int lastSpace = -1;
            for (int i = 0; i < para.length(); ) {
                int cp = para.codePointAt(i);
                i += Character.charCount(cp);
                // each character measured once: the line's width is the sum of its characters'
                float w = font.getStringWidth(new String(Character.toChars(cp))) / 1000 * size;
                if (used + w > width && line.length() > 0) {
                    if (cp < 0x2E80 && cp != ' ' && lastSpace > 0) {
                        String rest = line.substring(lastSpace + 1);
                        lines.add(line.substring(0, lastSpace));
                        line.setLength(0);
                        line.append(rest);
                        used = font.getStringWidth(rest) / 1000 * size;
                    } else {
                        lines.add(line.toString());
                        line.setLength(0);
                        used = 0;
                    }
                    lastSpace = -1;
                }
                if (cp == ' ') {
                    lastSpace = line.length();
                }
                line.appendCodePoint(cp);
                used += w;
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Characters the font has; anything else (a rare glyph, a control character) shows as '?'. */
    private String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            b.appendCodePoint(cp == '\t' ? ' ' : !Character.isISOControl(cp) && encodable(cp) ? cp : '?');
        }
        return b.toString();
    }

    private boolean encodable(int cp) {
        try {
            font.encode(new String(Character.toChars(cp)));
            return true;
        } catch (IllegalArgumentException | IOException e) {
            return false;
        }
    }
}
