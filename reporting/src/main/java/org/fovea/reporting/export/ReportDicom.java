package org.fovea.reporting.export;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.Uids;
import org.fovea.dicom.archive.ImportFailure;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.marks.DiagnosticReportSr;
import org.fovea.dicom.marks.MarkArchive;
import org.fovea.dicom.marks.EncapsulatedPdf;
import org.fovea.reporting.Report;
import org.fovea.reporting.ReportMeasurement;
import org.fovea.reporting.ReportStatus;

import java.io.IOException;
import java.nio.file.Files;
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

    /**
     * Writes {@code report-<id>-v<version>-sr.dcm} and, unless {@code pdf} is null,
     * {@code …-pdf.dcm} into {@code dir}; returns them.
     */
    public static List<Path> write(Report report, byte[] pdf, Path studyImageFile, Path dir) throws IOException {
        try {
            AttributeList image = new AttributeList();
            image.read(studyImageFile.toString(), TagFromName.PixelData);
            LocalDateTime now = LocalDateTime.now();
            String base = "report-" + report.id() + "-v" + report.version();
            List<DiagnosticReportSr.Num> values = report.measurements().stream().map(ReportDicom::num).toList();
            AttributeList sr = DiagnosticReportSr.write(image, report.study().studyUid(),
                    !"en".equals(language(report)), report.author(), report.findings(), report.impression(), values,
                    report.status() == ReportStatus.FINAL, report.version(), now);
            // the same text of the same version is the same instance: exporting it again adds nothing
            String same = report.study().studyUid() + "|" + report.id() + "|" + report.version() + "|"
                    + report.status() + "|" + report.findings() + "|" + report.impression() + "|" + values;
            sr.put(uid("sr|" + same));
            Path srFile = dir.resolve(base + "-sr.dcm");
            save(sr, srFile);
            if (pdf == null) {
                return List.of(srFile);
            }
            AttributeList doc = EncapsulatedPdf.write(pdf, image, report.study().studyUid(), "医学影像诊断报告",
                    report.version(), now);
            doc.put(uid("pdf|" + same));
            Path pdfFile = dir.resolve(base + "-pdf.dcm");
            save(doc, pdfFile);
            return List.of(srFile, pdfFile);
        } catch (DicomException e) {
            throw new IOException("The report cannot be made DICOM with " + studyImageFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The report into its study in the local archive: the SR and the PDF written to a work folder
     * of {@code home}, imported, and the written files removed. Fails, naming the study, when the
     * archive holds no image of it to take the patient and study from, and with the archive's
     * reason when the import refuses a file.
     *
     * @return what the archive did: two imported, or two duplicates when this text was filed before
     */
    public static ImportReport intoArchive(Report report, byte[] pdf, LocalArchive archive, Path home)
            throws IOException {
        Path image = MarkArchive.anyImageFile(archive, report.study().studyUid()).orElseThrow(() -> new IOException(
                "The local archive holds no image of study " + report.study().studyUid()
                        + " to file the report with"));
        Path dir = Files.createDirectories(home.resolve("work").resolve("reports"));
        List<Path> files = write(report, pdf, image, dir);
        try {
            ImportReport imported = archive.importPaths(files, ImportListener.none(), CancelToken.none());
            if (!imported.failures().isEmpty()) {
                ImportFailure f = imported.failures().get(0);
                throw new IOException("The archive refused " + f.file().getFileName() + ": " + f.reason());
            }
            return imported;
        } finally {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static Attribute uid(String name) throws DicomException {
        Attribute a = new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID);
        a.addValue(Uids.fromName("fovea-report|" + name));
        return a;
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
