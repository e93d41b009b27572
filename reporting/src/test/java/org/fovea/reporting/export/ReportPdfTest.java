package org.fovea.reporting.export;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportImage;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportStatus;
import org.fovea.reporting.StudyRef;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's PDF as a clinic receives it: the Chinese text is there to copy and search (read
 * back by poppler's pdftotext), the font is embedded as a subset (pdffonts), the QR code on the
 * page decodes to the report, six images run onto a second page with the page count right, and
 * a preliminary report says so on every page.
 */
class ReportPdfTest {

    @TempDir
    Path dir;

    static Report report(ReportStatus status, int images) throws Exception {
        StudyRef s = new StudyRef("1.2.826.0.1.3680043.9.7433.1", "ACC2024031501", "FV0001", "WANG^JIANGUO=王^建国",
                "M", LocalDate.of(1968, 5, 12), "056Y", LocalDate.of(2024, 3, 15), "CT", "CHEST", "胸部CT平扫", "李医生", "");
        List<ReportImage> pics = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            BufferedImage b = new BufferedImage(512, 512, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = b.createGraphics();
            g.setColor(Color.GRAY);
            g.fillOval(100 + i * 10, 100, 300, 300);
            g.dispose();
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(b, "png", png);
            pics.add(new ReportImage("Se 1 · Im " + (i + 40), png.toByteArray(), "", 0));
        }
        return new Report(42, 3, s, "ct-chest-zh", "双肺纹理清晰，走行自然。右肺上叶见实性结节，大小约 20 mm，边缘见分叶。\nLength 20.1 mm (Se 1 · Im 45)",
                "右肺上叶实性结节，建议 3 个月后复查。", Map.of(), List.of(new ReportMeasurement("LENGTH", 20.1, "mm",
                "Length 20.1 mm", "1.2", "1.2.3", 0)), pics, status, "陈医生", Instant.parse("2024-03-15T02:00:00Z"),
                Instant.parse("2024-03-15T03:30:00Z"));
    }

    private Path pdf(Report r) throws Exception {
        Path file = dir.resolve("report.pdf");
        try (OutputStream out = Files.newOutputStream(file)) {
            ReportPdf.write(r, PdfLayout.DEFAULT, out);
        }
        return file;
    }

    @Test
    void theChineseTextIsExtractableFromAnEmbeddedSubsetAndTheQrCodeNamesTheReport() throws Exception {
        Path file = pdf(report(ReportStatus.FINAL, 2));
        Tools.installed("pdftotext", "poppler-utils");
        String text = Command.of(List.of("pdftotext", "-layout", file.toString(), "-")).run().requireSuccess().stdout();
        assertThat(text).contains("双肺纹理清晰，走行自然").contains("右肺上叶实性结节，建议 3 个月后复查。")
                .contains("王建国").contains("ACC2024031501").contains("检查所见").contains("诊断意见").contains("陈医生")
                .containsPattern("第\\s*1\\s*页\\s*/\\s*共\\s*1\\s*页").doesNotContain("初步报告");
        String fonts = Command.of(List.of("pdffonts", file.toString())).run().requireSuccess().stdout();
        assertThat(fonts).containsPattern("[A-Z]{6}\\+WenQuanYiZenHei\\S*\\s+CID TrueType\\s+Identity-H\\s+yes\\s+yes\\s+yes");

        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            BufferedImage page = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            String decoded = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new BufferedImageLuminanceSource(page))), Map.of(DecodeHintType.TRY_HARDER, true)).getText();
            assertThat(ReportIdentifier.decode(decoded)).contains(
                    new ReportIdentifier(42, "1.2.826.0.1.3680043.9.7433.1", "ACC2024031501"));
        }
    }

    @Test
    void sixImagesRunOntoASecondPageAndAPreliminaryReportSaysSoOnEveryPage() throws Exception {
        Path file = pdf(report(ReportStatus.PRELIMINARY, 6));
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
        }
        Tools.installed("pdftotext", "poppler-utils");
        for (int page = 1; page <= 2; page++) {
            String text = Command.of(List.of("pdftotext", "-f", String.valueOf(page), "-l", String.valueOf(page),
                    file.toString(), "-")).run().requireSuccess().stdout();
            assertThat(text).as("page " + page).contains("初步报告").containsPattern("第\\s*" + page + "\\s*页\\s*/\\s*共\\s*2\\s*页");
        }
    }
}
