package org.fovea.dicom.marks;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import org.fovea.render.measure.Quantity;
import org.fovea.render.measure.Unit;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A radiologist's report as a DICOM Comprehensive SR following PS3.16 TID 2000 (Basic
 * Diagnostic Imaging Report): document title "Diagnostic Imaging Report" (LOINC 18748-4), the
 * language, the author as the person observer, a Findings container with the findings text and
 * the measurements as NUM items coded and united as in the measurement report (TID 1500), and an
 * Impressions container with the impression. Filed in the study, series 9904, so "Send to…"
 * takes it to the PACS, and PACS viewers that show SR text show the report.
 */
public final class DiagnosticReportSr {

    static final CodedSequenceItem DIAGNOSTIC_IMAGING_REPORT = Codes.code("18748-4", "LN", "Diagnostic Imaging Report");
    static final CodedSequenceItem FINDINGS = Codes.code("121070", "DCM", "Findings");
    static final CodedSequenceItem IMPRESSIONS = Codes.code("121072", "DCM", "Impressions");
    static final CodedSequenceItem IMPRESSION = Codes.code("121073", "DCM", "Impression");
    static final CodedSequenceItem PERSON = Codes.code("121006", "DCM", "Person");
    static final CodedSequenceItem PERSON_OBSERVER_NAME = Codes.code("121008", "DCM", "Person Observer Name");
    static final CodedSequenceItem CHINESE = Codes.code("zh-CN", "RFC5646", "Chinese (China)");

    /** A measurement in the report: a {@link Quantity} name, its value and UCUM unit. */
    public record Num(String quantity, double value, String ucum) {
    }

    /** What a report SR says, read back. */
    public record Read(String findings, String impression, List<Num> values) {
    }

    private DiagnosticReportSr() {
    }

    /**
     * @param studyImage one of the study's images: the SR takes its patient and study
     * @param complete   a final report (COMPLETE), else a draft or preliminary one (PARTIAL)
     */
    public static AttributeList write(AttributeList studyImage, String studyUid, boolean chinese, String author,
                                      String findings, String impression, List<Num> values, boolean complete,
                                      int instanceNumber, LocalDateTime now) throws DicomException {
        ContentItemFactory f = new ContentItemFactory();
        ContentItem root = f.makeContainerContentItem(null, null, DIAGNOSTIC_IMAGING_REPORT, true, "DCMR", "2000");
        f.makeCodeContentItem(root, "HAS CONCEPT MOD", Codes.LANGUAGE, chinese ? CHINESE : Codes.ENGLISH);
        f.makeCodeContentItem(root, "HAS OBS CONTEXT", Codes.OBSERVER_TYPE, PERSON);
        f.makePersonNameContentItem(root, "HAS OBS CONTEXT", PERSON_OBSERVER_NAME, author.isBlank() ? "Unknown" : author);
        ContentItem findingsBox = f.makeContainerContentItem(root, "CONTAINS", FINDINGS, true);
        if (!findings.isBlank()) {
            f.makeTextContentItem(findingsBox, "CONTAINS", Codes.FINDING, findings);
        }
        for (Num n : values) {
            Quantity q = quantity(n.quantity());
            Unit u = unit(n.ucum());
            if (q != null && u != null && Double.isFinite(n.value())) {
                f.makeNumericContentItem(findingsBox, "CONTAINS", Codes.quantity(q), n.value(), Codes.unit(u));
            }
        }
        ContentItem impressions = f.makeContainerContentItem(root, "CONTAINS", IMPRESSIONS, true);
        if (!impression.isBlank()) {
            f.makeTextContentItem(impressions, "CONTAINS", IMPRESSION, impression);
        }
        AttributeList list = new StructuredReport(root).getAttributeList();
        list.putAll(Documents.fromStudyOf(studyImage));
        Documents.ourInstance(list, Documents.COMPREHENSIVE_SR, studyUid, "report", Documents.REPORT_SERIES, "SR",
                "Fovea report", instanceNumber, now);
        Documents.put(list, TagFromName.CompletionFlag, complete ? "COMPLETE" : "PARTIAL");
        Documents.put(list, TagFromName.VerificationFlag, "UNVERIFIED");
        list.put(new SequenceAttribute(TagFromName.PerformedProcedureCodeSequence));
        list.put(new SequenceAttribute(TagFromName.ReferencedPerformedProcedureStepSequence));
        return list;
    }

    /** The findings, the impression and the measurements of a TID 2000 SR. */
    public static Read read(AttributeList list) throws DicomException {
        ContentItem root = (ContentItem) new StructuredReport(list).getRoot();
        if (root == null || !MeasurementReport.is(root.getConceptName(), DIAGNOSTIC_IMAGING_REPORT)) {
            throw new DicomException("not a Diagnostic Imaging Report (TID 2000)");
        }
        StringBuilder findings = new StringBuilder();
        StringBuilder impression = new StringBuilder();
        List<Num> values = new ArrayList<>();
        for (int i = 0; i < root.getChildCount(); i++) {
            ContentItem box = (ContentItem) root.getChildAt(i);
            boolean isFindings = MeasurementReport.is(box.getConceptName(), FINDINGS);
            boolean isImpressions = MeasurementReport.is(box.getConceptName(), IMPRESSIONS);
            for (int k = 0; k < box.getChildCount(); k++) {
                ContentItem c = (ContentItem) box.getChildAt(k);
                if (c instanceof ContentItemFactory.TextContentItem t) {
                    (isFindings ? findings : isImpressions ? impression : new StringBuilder()).append(padless(t.getConceptValue()));
                } else if (c instanceof ContentItemFactory.NumericContentItem n && isFindings) {
                    // the DS string: PixelMed keeps the floating point form only for FD-valued items
                    double v;
                    try {
                        v = Double.parseDouble(n.getNumericValue().trim());
                    } catch (RuntimeException e) {
                        continue;
                    }
                    values.add(new Num(quantityOf(n.getConceptName()), v,
                            n.getUnits() == null ? "" : n.getUnits().getCodeValue()));
                }
            }
        }
        return new Read(findings.toString(), impression.toString(), values);
    }

    /** A UT value without the space that pads it to an even length (PS3.5 6.2: trailing spaces are insignificant). */
    private static String padless(String v) {
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == ' ') {
            end--;
        }
        return v.substring(0, end);
    }

    private static String quantityOf(CodedSequenceItem code) {
        for (Quantity q : Quantity.values()) {
            if (MeasurementReport.is(code, Codes.quantity(q))) {
                return q.name();
            }
        }
        return code == null ? "" : code.getCodeMeaning();
    }

    private static Quantity quantity(String name) {
        try {
            return Quantity.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Unit unit(String ucum) {
        for (Unit u : Unit.values()) {
            if (u.ucum().equals(ucum)) {
                return u;
            }
        }
        return null;
    }
}
