package org.fovea.dicom.marks;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.CodedSequenceItem;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Value;

/**
 * Measurements as a DICOM Comprehensive SR Measurement Report (PS3.16 TID 1500), the form OHIF,
 * 3D Slicer and AI tools exchange: one Measurement Group (TID 1501/1410) per measurement, with its
 * tracking identifier and UID (the mark's id), its kind as the Finding, its points as an Image
 * Region SCOORD selected from the image, and its values as NUM items with UCUM units.
 */
public final class MeasurementReport {

    private MeasurementReport() {
    }

    /**
     * The report of {@code measured} (measurements only; annotations go in the presentation state),
     * with the patient and study of {@code studyImage}, one of the study's images.
     */
    public static AttributeList write(List<Measured> measured, AttributeList studyImage, String studyUid,
                                      int instanceNumber, LocalDateTime now) throws DicomException {
        ContentItemFactory f = new ContentItemFactory();
        ContentItem root = f.makeContainerContentItem(null, null, Codes.IMAGING_MEASUREMENT_REPORT, true, "DCMR", "1500");
        f.makeCodeContentItem(root, "HAS CONCEPT MOD", Codes.LANGUAGE, Codes.ENGLISH);
        f.makeCodeContentItem(root, "HAS OBS CONTEXT", Codes.OBSERVER_TYPE, Codes.DEVICE);
        f.makeUIDContentItem(root, "HAS OBS CONTEXT", Codes.DEVICE_OBSERVER_UID, Documents.DEVICE_UID);
        f.makeTextContentItem(root, "HAS OBS CONTEXT", Codes.DEVICE_OBSERVER_NAME, "Fovea workstation");
        f.makeCodeContentItem(root, "HAS CONCEPT MOD", Codes.PROCEDURE_REPORTED, Codes.IMAGING_PROCEDURE);
        Set<ImageRef> images = new LinkedHashSet<>();
        measured.forEach(m -> images.add(m.annotation().image()));
        ContentItem library = f.makeContainerContentItem(root, "CONTAINS", Codes.IMAGE_LIBRARY, true);
        ContentItem group = f.makeContainerContentItem(library, "CONTAINS", Codes.IMAGE_LIBRARY_GROUP, true);
        for (ImageRef r : images) {
            image(f, group, "CONTAINS", r);
        }
        ContentItem measurements = f.makeContainerContentItem(root, "CONTAINS", Codes.IMAGING_MEASUREMENTS, true);
        int n = 0;
        for (Measured m : measured) {
            Annotation a = m.annotation();
            if (!a.kind().measurement()) {
                continue;
            }
            n++;
            ContentItem g = f.makeContainerContentItem(measurements, "CONTAINS", Codes.MEASUREMENT_GROUP, true,
                    "DCMR", a.kind().region() ? "1410" : "1501");
            f.makeTextContentItem(g, "HAS OBS CONTEXT", Codes.TRACKING_IDENTIFIER, a.kind().name() + " " + n);
            f.makeUIDContentItem(g, "HAS OBS CONTEXT", Codes.TRACKING_UID, trackingUid(a.id()));
            f.makeCodeContentItem(g, "CONTAINS", Codes.FINDING, Codes.kind(a.kind()));
            if (!a.text().isEmpty()) {
                f.makeTextContentItem(g, "HAS PROPERTIES", Codes.MARK_TEXT, a.text());
            }
            ContentItem region = f.makeSpatialCoordinatesContentItem(g, "CONTAINS", Codes.IMAGE_REGION,
                    Scoord.graphicType(a.kind()), Scoord.data(a.kind(), a.points()));
            image(f, region, "SELECTED FROM", a.image());
            for (Value v : m.values()) {
                if (Double.isFinite(v.value())) {
                    f.makeNumericContentItem(g, "CONTAINS", Codes.quantity(v.quantity()), v.value(),
                            Codes.unit(v.unit()));
                }
            }
        }
        AttributeList list = new StructuredReport(root).getAttributeList();
        list.putAll(Documents.fromStudyOf(studyImage));
        Documents.ourInstance(list, Documents.COMPREHENSIVE_SR, studyUid, "sr", Documents.SR_SERIES, "SR",
                "Fovea measurements", instanceNumber, now);
        Documents.put(list, TagFromName.CompletionFlag, "PARTIAL");
        Documents.put(list, TagFromName.VerificationFlag, "UNVERIFIED");
        list.put(Documents.evidence(TagFromName.CurrentRequestedProcedureEvidenceSequence, studyUid, images));
        list.put(new com.pixelmed.dicom.SequenceAttribute(TagFromName.PerformedProcedureCodeSequence));
        list.put(new com.pixelmed.dicom.SequenceAttribute(TagFromName.ReferencedPerformedProcedureStepSequence));
        return list;
    }

    private static void image(ContentItemFactory f, ContentItem parent, String relationship, ImageRef r)
            throws DicomException {
        f.makeImageContentItem(parent, relationship, null, r.sopClassUid(), r.sopInstanceUid(),
                r.frame() > 1 ? r.frame() : 0, 0, null, null, null, null);
    }

    /** Our tracking UID for a mark's id: its UUID under 2.25, so reading it back gives the same id. */
    static String trackingUid(String id) {
        try {
            return Documents.uid(UUID.fromString(id));
        } catch (IllegalArgumentException notAUuid) {
            return Documents.uid("mark:" + id);
        }
    }

    /** What a report holds: the marks that could be read, and what could not, with why. */
    public record Read(List<Annotation> marks, List<String> notShown) {
    }

    /**
     * The measurements of a TID 1500 report: each group with an Image Region becomes a mark (its kind
     * from our Finding code, else from the SCOORD's shape). Groups that cannot be shown are listed
     * with the reason; nothing throws for a report made elsewhere.
     */
    public static Read read(AttributeList list, String source) {
        List<Annotation> marks = new ArrayList<>();
        List<String> notShown = new ArrayList<>();
        ContentItem root;
        try {
            root = (ContentItem) new StructuredReport(list).getRoot();
        } catch (DicomException | RuntimeException e) {
            return new Read(List.of(), List.of(source + ": the report cannot be read (" + e.getMessage() + ")"));
        }
        if (root == null || !is(root.getConceptName(), Codes.IMAGING_MEASUREMENT_REPORT)) {
            return new Read(List.of(), List.of(source + ": not an imaging measurement report (TID 1500)"));
        }
        List<ContentItem> groups = new ArrayList<>();
        collect(root, groups);
        int n = 0;
        for (ContentItem g : groups) {
            n++;
            try {
                marks.add(group(g));
            } catch (IllegalArgumentException | DicomException e) {
                notShown.add(source + ", measurement " + n + ": " + e.getMessage());
            }
        }
        return new Read(marks, notShown);
    }

    private static void collect(ContentItem item, List<ContentItem> groups) {
        for (int i = 0; i < item.getChildCount(); i++) {
            ContentItem c = (ContentItem) item.getChildAt(i);
            if ("CONTAINER".equals(c.getValueType()) && is(c.getConceptName(), Codes.MEASUREMENT_GROUP)) {
                groups.add(c);
            } else if ("CONTAINER".equals(c.getValueType())) {
                collect(c, groups);
            }
        }
    }

    private static Annotation group(ContentItem g) throws DicomException {
        String trackingUid = null;
        Kind kind = null;
        String text = "";
        ContentItem region = null;
        String unknownFinding = null;
        for (int i = 0; i < g.getChildCount(); i++) {
            ContentItem c = (ContentItem) g.getChildAt(i);
            CodedSequenceItem name = c.getConceptName();
            if (is(name, Codes.TRACKING_UID)) {
                trackingUid = c.getConceptValue();
            } else if (is(name, Codes.FINDING) && c instanceof ContentItemFactory.CodeContentItem code) {
                kind = Codes.kind(code.getConceptCode()).orElse(null);
                if (kind == null) {
                    unknownFinding = code.getConceptCode() == null ? "?" : code.getConceptCode().getCodeMeaning();
                }
            } else if (is(name, Codes.MARK_TEXT)) {
                text = c.getConceptValue() == null ? "" : c.getConceptValue().strip();
            } else if ("SCOORD".equals(c.getValueType()) && region == null) {
                region = c;
            }
        }
        if (region == null) {
            throw new IllegalArgumentException("no image region (only values, which Fovea shows with their image region)"
                    + (unknownFinding == null ? "" : "; finding " + unknownFinding));
        }
        ContentItem image = region.getChildCount() > 0 ? (ContentItem) region.getChildAt(0) : null;
        if (image == null || image.getReferencedSOPInstanceUID() == null) {
            throw new IllegalArgumentException("its image region names no image");
        }
        int frame = image instanceof ContentItemFactory.ImageContentItem ic && ic.getReferencedFrameNumber() > 0
                ? ic.getReferencedFrameNumber() : 1;
        List<ImagePoint> points = Scoord.points(region.getGraphicType(), region.getGraphicData());
        if (kind == null) {
            kind = Scoord.kindOf(region.getGraphicType(), points);
        }
        points = Scoord.pointsOf(kind, points);
        UUID uuid = Documents.uuidOf(trackingUid);
        String id = uuid != null ? uuid.toString() : trackingUid != null ? trackingUid : UUID.randomUUID().toString();
        ImageRef ref = new ImageRef("", image.getReferencedSOPClassUID(), image.getReferencedSOPInstanceUID(), frame);
        return new Annotation(id, kind, points, text, ref);
    }

    static boolean is(CodedSequenceItem c, CodedSequenceItem expected) {
        return c != null && expected.getCodeValue().equals(c.getCodeValue())
                && expected.getCodingSchemeDesignator().equals(c.getCodingSchemeDesignator());
    }
}
