package org.fovea.dicom.marks;

import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.ContentItem;
import com.pixelmed.dicom.ContentItemFactory;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.StructuredReport;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fovea.render.measure.ImageRef;

/**
 * Key images (V32) as DICOM Key Object Selection documents (PS3.16 TID 2010, title "Of
 * Interest"): one document per note, so every image keeps its own note (Key Object
 * Description), and the images without a note in one more.
 */
public final class KeyObjects {

    private KeyObjects() {
    }

    /** The documents for {@code keyImages} (image to note, "" for none), in order. */
    public static List<AttributeList> write(Map<ImageRef, String> keyImages, AttributeList studyImage, String studyUid,
                                            int firstInstanceNumber, LocalDateTime now) throws DicomException {
        Map<String, List<ImageRef>> byNote = new LinkedHashMap<>();
        keyImages.forEach((image, note) -> byNote.computeIfAbsent(note == null ? "" : note.strip(),
                k -> new ArrayList<>()).add(image));
        List<AttributeList> out = new ArrayList<>();
        int number = firstInstanceNumber;
        for (Map.Entry<String, List<ImageRef>> e : byNote.entrySet()) {
            ContentItemFactory f = new ContentItemFactory();
            ContentItem root = f.makeContainerContentItem(null, null, Codes.OF_INTEREST, true, "DCMR", "2010");
            if (!e.getKey().isEmpty()) {
                f.makeTextContentItem(root, "CONTAINS", Codes.KEY_OBJECT_DESCRIPTION, e.getKey());
            }
            for (ImageRef r : e.getValue()) {
                f.makeImageContentItem(root, "CONTAINS", null, r.sopClassUid(), r.sopInstanceUid(),
                        r.frame() > 1 ? r.frame() : 0, 0, null, null, null, null);
            }
            AttributeList list = new StructuredReport(root).getAttributeList();
            list.putAll(Documents.fromStudyOf(studyImage));
            Documents.ourInstance(list, Documents.KEY_OBJECT_SELECTION, studyUid, "ko", Documents.KO_SERIES, "KO",
                    "Fovea key images", number++, now);
            list.put(Documents.evidence(TagFromName.CurrentRequestedProcedureEvidenceSequence, studyUid, e.getValue()));
            list.put(new com.pixelmed.dicom.SequenceAttribute(TagFromName.ReferencedPerformedProcedureStepSequence));
            out.add(list);
        }
        return out;
    }

    /** The key images of a document, each with the document's note; an unreadable one yields none. */
    public static Map<ImageRef, String> read(AttributeList list) {
        Map<ImageRef, String> out = new LinkedHashMap<>();
        try {
            ContentItem root = (ContentItem) new StructuredReport(list).getRoot();
            if (root == null || !MeasurementReport.is(root.getConceptName(), Codes.OF_INTEREST)
                    && !"KO".equals(com.pixelmed.dicom.Attribute.getSingleStringValueOrEmptyString(list,
                    TagFromName.Modality))) {
                return out;
            }
            String note = "";
            for (int i = 0; i < root.getChildCount(); i++) {
                ContentItem c = (ContentItem) root.getChildAt(i);
                if (MeasurementReport.is(c.getConceptName(), Codes.KEY_OBJECT_DESCRIPTION)) {
                    note = c.getConceptValue() == null ? "" : c.getConceptValue().strip();
                }
            }
            for (int i = 0; i < root.getChildCount(); i++) {
                ContentItem c = (ContentItem) root.getChildAt(i);
                if (c instanceof ContentItemFactory.ImageContentItem image && image.getReferencedSOPInstanceUID() != null) {
                    int frame = Math.max(1, image.getReferencedFrameNumber());
                    out.put(new ImageRef("", image.getReferencedSOPClassUID(), image.getReferencedSOPInstanceUID(), frame),
                            note == null ? "" : note);
                }
            }
        } catch (DicomException | RuntimeException e) {
            return out;
        }
        return out;
    }
}
