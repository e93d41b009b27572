package org.fovea.reporting.export;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TransferSyntax;
import org.fovea.dicom.marks.DiagnosticReportSr;
import org.fovea.dicom.marks.EncapsulatedPdf;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A report into its study as DICOM: the text and measurements as a TID 2000 SR, the PDF as an
 * Encapsulated PDF, both with the patient and study of one of the study's images, so the local
 * archive files them with the study and "Send to…" takes them to the PACS. The report's version
 * is the instance number: a later export is a newer instance in the same two series.
 */
public final class ReportDicom {

    private ReportDicom() {
    }

    /** Writes {@code report-<id>-v<version>-sr.dcm} and {@code …-pdf.dcm} into {@code dir}; returns them. */
    public static List<Path> write(Report report, byte[] pdf, Path studyImageFile, Path dir) throws IOException {
        try {
            AttributeList image = new AttributeList();
            image.read(studyImageFile.toString(), com.pixelmed.dicom.TagFromName.PixelData);
            LocalDateTime now = LocalDateTime.now();
            String base = "report-" + report.id() + "-v" + report.version();
            List<DiagnosticReportSr.Num> values = report.measurements().stream().map(ReportDicom::num).toList();
            AttributeList sr = DiagnosticReportSr.write(image, report.study().studyUid(),
                    !"en".equals(language(report)), report.author(), report.findings(), report.impression(), values,
                    report.status() == ReportStatus.FINAL, report.version(), now);
            AttributeList doc = EncapsulatedPdf.write(pdf, image, report.study().studyUid(), "医学影像诊断报告",
                    report.version(), now);
            Path srFile = dir.resolve(base + "-sr.dcm");
            Path pdfFile = dir.resolve(base + "-pdf.dcm");
            save(sr, srFile);
            save(doc, pdfFile);
            return List.of(srFile, pdfFile);
        } catch (DicomException e) {
            throw new IOException("The report cannot be made DICOM with " + studyImageFile + ": " + e.getMessage(), e);
        }
    }

    private static void save(AttributeList list, Path file) throws DicomException, IOException {
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "FOVEA");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }

    private static DiagnosticReportSr.Num num(ReportMeasurement m) {
        return new DiagnosticReportSr.Num(m.name(), m.value(), m.unit());
    }

    /** The report's language: English when its template is one of the English ones, Chinese otherwise. */
    private static String language(Report r) {
        return r.templateId().endsWith("-en") ? "en" : "zh";
    }
}
