package org.fovea.reporting.export;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.fovea.dicom.marks.DiagnosticReportSr;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportStatus;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report as DICOM in its study: a TID 2000 SR and an Encapsulated PDF that dciodvfy finds no
 * error in, whose text DCMTK's dsrdump shows, that read back to the same text and measurements,
 * and that carry the patient and study of the study's image.
 */
class ReportDicomTest {

    private static final Path STUDY_IMAGE = Path.of(System.getProperty("fovea.shared", "../../shared"),
            "testdata", "dicom", "charsets", "chinese-ISO_IR_192.dcm");

    @TempDir
    Path dir;

    @Test
    void theSrAndThePdfAreValidCarryTheTextAndReadBack() throws Exception {
        Report r = ReportPdfTest.report(ReportStatus.FINAL, 1);
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        ReportPdf.write(r, PdfLayout.DEFAULT, pdf);
        List<Path> files = ReportDicom.write(r, pdf.toByteArray(), STUDY_IMAGE, dir);
        assertThat(files).hasSize(2);

        Path dciodvfy = Tools.installed("dciodvfy", "dicom3tools");
        for (Path f : files) {
            String out = Command.of(dciodvfy.toString(), f.toString()).mergeStderr().timeout(Duration.ofSeconds(60))
                    .run().stdout();
            assertThat(out).as(f.getFileName() + "\n" + out).doesNotContain("Error");
        }
        String dump = Command.of(Tools.installed("dsrdump", "dcmtk").toString(), "+U8", "+Pl", files.get(0).toString())
                .timeout(Duration.ofSeconds(60)).run().requireSuccess().stdout();
        assertThat(dump).contains("Diagnostic Imaging Report").contains("右肺上叶实性结节，建议 3 个月后复查。")
                .contains("双肺纹理清晰").contains("(mm,UCUM").contains("陈医生").contains("COMPLETE");

        AttributeList sr = new AttributeList();
        sr.read(files.get(0).toString());
        DiagnosticReportSr.Read back = DiagnosticReportSr.read(sr);
        assertThat(back.findings()).isEqualTo(r.findings());
        assertThat(back.impression()).isEqualTo(r.impression());
        assertThat(back.values()).containsExactly(new DiagnosticReportSr.Num("LENGTH", 20.1, "mm"));

        AttributeList image = new AttributeList();
        image.read(STUDY_IMAGE.toString(), TagFromName.PixelData);
        AttributeList doc = new AttributeList();
        doc.read(files.get(1).toString());
        for (AttributeList l : List.of(sr, doc)) {
            assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.StudyInstanceUID))
                    .isEqualTo(Attribute.getSingleStringValueOrEmptyString(image, TagFromName.StudyInstanceUID));
            assertThat(Attribute.getSingleStringValueOrEmptyString(l, TagFromName.PatientID)).isEqualTo("CN-ISO_IR_192");
        }
        byte[] embedded = doc.get(new com.pixelmed.dicom.AttributeTag(0x0042, 0x0011)).getByteValues();
        assertThat(new String(embedded, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(embedded.length - pdf.size()).isBetween(0, 1);
    }
}
