package org.fovea.dicom.marks;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.OtherByteAttribute;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A report's PDF as a DICOM Encapsulated PDF object (PS3.3 A.45.1) in the study, series 9905:
 * what a PACS or a clinic viewer without SR support still shows page for page.
 */
public final class EncapsulatedPdf {

    static final String SOP_CLASS = "1.2.840.10008.5.1.4.1.1.104.1";

    private EncapsulatedPdf() {
    }

    public static AttributeList write(byte[] pdf, AttributeList studyImage, String studyUid, String title,
                                      int instanceNumber, LocalDateTime now) throws DicomException {
        return write(pdf, studyImage, studyUid, title, "report-pdf", Documents.REPORT_PDF_SERIES, "Fovea report (PDF)",
                true, instanceNumber, now);
    }

    /**
     * A PDF into the study's series {@code what} (its number and description given); a report is
     * coded as a diagnostic imaging report, any other document is left uncoded (Type 2, empty).
     */
    static AttributeList write(byte[] pdf, AttributeList studyImage, String studyUid, String title, String what,
                               int seriesNumber, String seriesDescription, boolean report, int instanceNumber,
                               LocalDateTime now) throws DicomException {
        AttributeList list = Documents.fromStudyOf(studyImage);
        Documents.ourInstance(list, SOP_CLASS, studyUid, what, seriesNumber, "DOC", seriesDescription, instanceNumber,
                now);
        Documents.put(list, TagFromName.ConversionType, "WSD");
        Documents.put(list, TagFromName.BurnedInAnnotation, "YES");
        Documents.put(list, TagFromName.DocumentTitle, title);
        Documents.put(list, TagFromName.MIMETypeOfEncapsulatedDocument, "application/pdf");
        Documents.put(list, TagFromName.AcquisitionDateTime, now.format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss")));
        SequenceAttribute concept = new SequenceAttribute(TagFromName.ConceptNameCodeSequence);
        if (report) {
            concept.addItem(DiagnosticReportSr.DIAGNOSTIC_IMAGING_REPORT.getAttributeList());
        }
        list.put(concept);
        // an even length, padded with a NUL as PS3.5 asks of OB values
        byte[] even = pdf.length % 2 == 0 ? pdf : java.util.Arrays.copyOf(pdf, pdf.length + 1);
        OtherByteAttribute doc = new OtherByteAttribute(new AttributeTag(0x0042, 0x0011));
        doc.setValues(even);
        list.put(doc);
        return list;
    }
}
