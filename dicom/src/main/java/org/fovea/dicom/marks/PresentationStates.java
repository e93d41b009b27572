package org.fovea.dicom.marks;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.AttributeTag;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.SequenceAttribute;
import com.pixelmed.dicom.TagFromName;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;

/**
 * Annotations as a Grayscale Softcopy Presentation State (PS3.3 A.33.1): arrows, texts, boxes,
 * ovals and free-hand lines as graphic and text objects, each kind in its own graphic layer named
 * after it (so reading our own back gives the same kinds); user calibrations as the Presentation
 * Pixel Spacing of the image's displayed area; the window and zoom the radiologist chose; and a
 * copy of every measurement with its values as text in the MEASUREMENTS layer, for viewers that
 * read presentation states only. Marks carry their ids as Tracking UIDs.
 */
public final class PresentationStates {

    static final String MEASUREMENTS_LAYER = "MEASUREMENTS";

    /** How an image was shown: window (NaN: the image's own) and zoom. */
    public record Display(double windowCenter, double windowWidth, double zoom, boolean inverted) {
    }

    private PresentationStates() {
    }

    /**
     * @param annotations  marks to show as annotations (not measurements; calibrations included)
     * @param measurements measurements with their value text, copied as text
     * @param images       the size, photometric and rescale of every image referred to
     */
    public static AttributeList write(List<Annotation> annotations, Map<Annotation, String> measurements,
                                      Map<ImageRef, Display> displays, Function<ImageRef, ImageInfo> images,
                                      AttributeList studyImage, String studyUid, int instanceNumber, LocalDateTime now)
            throws DicomException {
        AttributeList list = Documents.fromStudyOf(studyImage);
        Documents.ourInstance(list, Documents.GRAYSCALE_PS, studyUid, "pr", Documents.PR_SERIES, "PR",
                "Fovea annotations", instanceNumber, now);
        Documents.put(list, TagFromName.ContentLabel, "FOVEA_MARKS");
        Documents.put(list, TagFromName.ContentDescription, "Annotations and measurements drawn in Fovea");
        Documents.put(list, TagFromName.PresentationCreationDate, now.format(DateTimeFormatter.BASIC_ISO_DATE));
        Documents.put(list, TagFromName.PresentationCreationTime, now.format(DateTimeFormatter.ofPattern("HHmmss")));
        Documents.put(list, TagFromName.ContentCreatorName);
        Documents.put(list, TagFromName.Laterality);

        Set<ImageRef> all = new LinkedHashSet<>();
        annotations.forEach(a -> all.add(a.image()));
        measurements.keySet().forEach(a -> all.add(a.image()));
        all.addAll(displays.keySet());
        Map<String, List<ImageRef>> bySeries = new LinkedHashMap<>();
        for (ImageRef r : all) {
            bySeries.computeIfAbsent(r.seriesUid(), k -> new ArrayList<>()).add(r);
        }
        SequenceAttribute series = new SequenceAttribute(TagFromName.ReferencedSeriesSequence);
        for (Map.Entry<String, List<ImageRef>> e : bySeries.entrySet()) {
            AttributeList s = new AttributeList();
            Documents.put(s, TagFromName.SeriesInstanceUID, e.getKey());
            SequenceAttribute refs = new SequenceAttribute(TagFromName.ReferencedImageSequence);
            for (ImageRef r : e.getValue()) {
                refs.addItem(Documents.sopReference(r, true));
            }
            s.put(refs);
            series.addItem(s);
        }
        list.put(series);

        ImageInfo first = all.isEmpty() ? null : images.apply(all.iterator().next());
        displayedAreas(list, all, displays, annotations, images);
        voiLuts(list, displays);
        boolean inverse = first != null && first.monochrome1();
        Display firstDisplay = all.isEmpty() ? null : displays.get(all.iterator().next());
        if (firstDisplay != null && firstDisplay.inverted()) {
            inverse = !inverse;
        }
        Documents.put(list, TagFromName.PresentationLUTShape, inverse ? "INVERSE" : "IDENTITY");
        if (first != null && (first.slope() != 1 || first.intercept() != 0)) {
            Documents.put(list, TagFromName.RescaleSlope, number(first.slope()));
            Documents.put(list, TagFromName.RescaleIntercept, number(first.intercept()));
            Documents.put(list, TagFromName.RescaleType, first.rescaleType().isBlank() ? "US" : first.rescaleType());
        }
        graphics(list, annotations, measurements);
        return list;
    }

    private static void displayedAreas(AttributeList list, Set<ImageRef> all, Map<ImageRef, Display> displays,
                                       List<Annotation> annotations, Function<ImageRef, ImageInfo> images)
            throws DicomException {
        SequenceAttribute areas = new SequenceAttribute(PsTags.DISPLAYED_AREA_SELECTION_SEQUENCE);
        for (ImageRef r : all) {
            ImageInfo info = images.apply(r);
            AttributeList item = new AttributeList();
            SequenceAttribute refs = new SequenceAttribute(TagFromName.ReferencedImageSequence);
            refs.addItem(Documents.sopReference(r, true));
            item.put(refs);
            PsTags.sl(item, PsTags.DISPLAYED_AREA_TOP_LEFT, 1, 1);
            PsTags.sl(item, PsTags.DISPLAYED_AREA_BOTTOM_RIGHT, info.columns(), info.rows());
            Display d = displays.get(r);
            if (d != null && d.zoom() > 0 && Math.abs(d.zoom() - 1) > 1e-6) {
                PsTags.cs(item, PsTags.PRESENTATION_SIZE_MODE, "MAGNIFY");
                PsTags.fl(item, PsTags.PRESENTATION_PIXEL_MAGNIFICATION_RATIO, (float) d.zoom());
            } else {
                PsTags.cs(item, PsTags.PRESENTATION_SIZE_MODE, "SCALE TO FIT");
            }
            Annotation calibration = null;
            for (Annotation a : annotations) {
                if (a.kind() == Kind.CALIBRATION && a.image().equals(r)) {
                    calibration = a;
                }
            }
            double[] spacing = calibration == null ? null : spacingOf(calibration);
            if (spacing != null) {
                PsTags.ds(item, PsTags.PRESENTATION_PIXEL_SPACING, number(spacing[0]), number(spacing[1]));
            } else {
                PsTags.is(item, PsTags.PRESENTATION_PIXEL_ASPECT_RATIO, "1", "1");
            }
            areas.addItem(item);
        }
        list.put(areas);
    }

    /** Row and column spacing, mm, that make a calibration line its known length (square pixels). */
    static double[] spacingOf(Annotation calibration) {
        try {
            double known = Double.parseDouble(calibration.text());
            ImagePoint a = calibration.points().get(0), b = calibration.points().get(1);
            double px = Math.hypot(b.x() - a.x(), b.y() - a.y());
            return known > 0 && px > 0 ? new double[] {known / px, known / px} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void voiLuts(AttributeList list, Map<ImageRef, Display> displays) throws DicomException {
        SequenceAttribute vois = new SequenceAttribute(PsTags.SOFTCOPY_VOI_LUT_SEQUENCE);
        for (Map.Entry<ImageRef, Display> e : displays.entrySet()) {
            Display d = e.getValue();
            if (!Double.isFinite(d.windowCenter()) || !(d.windowWidth() >= 1)) {
                continue;
            }
            AttributeList item = new AttributeList();
            SequenceAttribute refs = new SequenceAttribute(TagFromName.ReferencedImageSequence);
            refs.addItem(Documents.sopReference(e.getKey(), true));
            item.put(refs);
            Documents.put(item, TagFromName.WindowCenter, number(d.windowCenter()));
            Documents.put(item, TagFromName.WindowWidth, number(d.windowWidth()));
            vois.addItem(item);
        }
        if (vois.getNumberOfItems() > 0) {
            list.put(vois);
        }
    }

    private static void graphics(AttributeList list, List<Annotation> annotations,
                                 Map<Annotation, String> measurements) throws DicomException {
        Map<ImageRef, List<Annotation>> byImage = new LinkedHashMap<>();
        annotations.forEach(a -> byImage.computeIfAbsent(a.image(), k -> new ArrayList<>()).add(a));
        measurements.keySet().forEach(a -> byImage.computeIfAbsent(a.image(), k -> new ArrayList<>()).add(a));
        if (byImage.isEmpty()) {
            return;
        }
        Set<String> layers = new LinkedHashSet<>();
        SequenceAttribute seq = new SequenceAttribute(PsTags.GRAPHIC_ANNOTATION_SEQUENCE);
        for (Map.Entry<ImageRef, List<Annotation>> e : byImage.entrySet()) {
            Map<String, AttributeList> itemsByLayer = new LinkedHashMap<>();
            for (Annotation a : e.getValue()) {
                boolean measurement = a.kind().measurement();
                String layer = measurement ? MEASUREMENTS_LAYER : a.kind().name();
                layers.add(layer);
                AttributeList item = itemsByLayer.computeIfAbsent(layer, l -> newItem(e.getKey(), l));
                if (a.kind() != Kind.TEXT) {
                    addTo(item, PsTags.GRAPHIC_OBJECT_SEQUENCE, graphic(a));
                }
                String text = measurement ? measurements.get(a) : a.kind() == Kind.TEXT ? a.text()
                        : a.kind() == Kind.CALIBRATION ? a.text() + " mm" : null;
                if (text != null && !text.isBlank()) {
                    addTo(item, PsTags.TEXT_OBJECT_SEQUENCE, text(a, text));
                }
            }
            for (AttributeList item : itemsByLayer.values()) {
                seq.addItem(item);
            }
        }
        list.put(seq);
        SequenceAttribute layerSeq = new SequenceAttribute(PsTags.GRAPHIC_LAYER_SEQUENCE);
        int order = 1;
        for (String l : layers) {
            AttributeList item = new AttributeList();
            PsTags.cs(item, PsTags.GRAPHIC_LAYER, l);
            PsTags.is(item, PsTags.GRAPHIC_LAYER_ORDER, Integer.toString(order++));
            PsTags.lo(item, PsTags.GRAPHIC_LAYER_DESCRIPTION, l.equals(MEASUREMENTS_LAYER)
                    ? "Measurements and their values as text"
                    : l.charAt(0) + l.substring(1).toLowerCase(Locale.ROOT) + " annotations");
            layerSeq.addItem(item);
        }
        list.put(layerSeq);
    }

    private static AttributeList newItem(ImageRef image, String layer) {
        try {
            AttributeList item = new AttributeList();
            SequenceAttribute refs = new SequenceAttribute(TagFromName.ReferencedImageSequence);
            refs.addItem(Documents.sopReference(image, true));
            item.put(refs);
            PsTags.cs(item, PsTags.GRAPHIC_LAYER, layer);
            return item;
        } catch (DicomException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addTo(AttributeList item, AttributeTag tag, AttributeList element) {
        SequenceAttribute s = (SequenceAttribute) item.get(tag);
        if (s == null) {
            s = new SequenceAttribute(tag);
            item.put(s);
        }
        s.addItem(element);
    }

    private static AttributeList graphic(Annotation a) throws DicomException {
        AttributeList g = new AttributeList();
        String type = Scoord.graphicType(a.kind());
        float[] data = Scoord.data(a.kind(), a.points());
        if (type.equals("MULTIPOINT")) {
            type = "POLYLINE";          // GSPS has no MULTIPOINT: the ends of each line, in order
        }
        PsTags.cs(g, PsTags.GRAPHIC_ANNOTATION_UNITS, "PIXEL");
        PsTags.us(g, PsTags.GRAPHIC_DIMENSIONS, 2);
        PsTags.us(g, PsTags.NUMBER_OF_GRAPHIC_POINTS, data.length / 2);
        com.pixelmed.dicom.FloatSingleAttribute d = new com.pixelmed.dicom.FloatSingleAttribute(PsTags.GRAPHIC_DATA);
        for (float v : data) {
            d.addValue(v);
        }
        g.put(d);
        PsTags.cs(g, PsTags.GRAPHIC_TYPE, type);
        PsTags.cs(g, PsTags.GRAPHIC_FILLED, "N");
        tracking(g, a);
        return g;
    }

    private static AttributeList text(Annotation a, String text) throws DicomException {
        AttributeList t = new AttributeList();
        ImagePoint anchor = a.points().get(a.kind() == Kind.ARROW ? 0 : a.points().size() - 1);
        PsTags.st(t, PsTags.UNFORMATTED_TEXT_VALUE, text);
        PsTags.cs(t, PsTags.ANCHOR_POINT_ANNOTATION_UNITS, "PIXEL");
        com.pixelmed.dicom.FloatSingleAttribute p = new com.pixelmed.dicom.FloatSingleAttribute(PsTags.ANCHOR_POINT);
        p.addValue((float) anchor.x());
        p.addValue((float) anchor.y());
        t.put(p);
        PsTags.cs(t, PsTags.ANCHOR_POINT_VISIBILITY, "N");
        tracking(t, a);
        return t;
    }

    /** Tracking UID (the mark's id) and the Tracking ID the standard requires beside it. */
    private static void tracking(AttributeList object, Annotation a) throws DicomException {
        Documents.put(object, TagFromName.TrackingUID, MeasurementReport.trackingUid(a.id()));
        PsTags.ut(object, PsTags.TRACKING_ID, a.kind().name() + " " + a.id().substring(0, Math.min(8, a.id().length())));
    }

    private static String number(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.length() > 16 ? s.substring(0, 16) : s;
    }

    /** What a presentation state holds that Fovea shows: marks, and what it cannot show, with why. */
    public record Read(List<Annotation> marks, List<String> notShown) {
    }

    /**
     * The annotations of a presentation state. Ours (content label FOVEA_MARKS) come back as drawn,
     * their measurements' copies left to the measurement report; others' graphics and texts are
     * shown as annotations where they map, the rest listed with why. Never throws.
     */
    public static Read read(AttributeList list, String source) {
        List<Annotation> marks = new ArrayList<>();
        List<String> notShown = new ArrayList<>();
        boolean ours = "FOVEA_MARKS".equals(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.ContentLabel));
        SequenceAttribute seq = (SequenceAttribute) list.get(PsTags.GRAPHIC_ANNOTATION_SEQUENCE);
        if (seq == null) {
            return new Read(marks, notShown);
        }
        for (int i = 0; i < seq.getNumberOfItems(); i++) {
            AttributeList item = seq.getItem(i).getAttributeList();
            String layer = Attribute.getSingleStringValueOrEmptyString(item, PsTags.GRAPHIC_LAYER);
            if (ours && MEASUREMENTS_LAYER.equals(layer)) {
                continue;
            }
            ImageRef image = firstImage(item);
            if (image == null) {
                notShown.add(source + ": annotations in layer " + layer
                        + " apply to every image of the series; Fovea shows annotations of one image");
                continue;
            }
            Kind ourKind = ours ? kindOfLayer(layer) : null;
            readGraphics(item, image, ourKind, source, marks, notShown);
            readTexts(item, image, ourKind, source, marks, notShown);
        }
        return new Read(marks, notShown);
    }

    private static Kind kindOfLayer(String layer) {
        try {
            return Kind.valueOf(layer);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ImageRef firstImage(AttributeList item) {
        SequenceAttribute refs = (SequenceAttribute) item.get(TagFromName.ReferencedImageSequence);
        if (refs == null || refs.getNumberOfItems() == 0) {
            return null;
        }
        AttributeList r = refs.getItem(0).getAttributeList();
        String sop = Attribute.getSingleStringValueOrEmptyString(r, TagFromName.ReferencedSOPInstanceUID);
        if (sop.isEmpty()) {
            return null;
        }
        int frame = Math.max(1, Attribute.getSingleIntegerValueOrDefault(r, TagFromName.ReferencedFrameNumber, 1));
        return new ImageRef("", Attribute.getSingleStringValueOrEmptyString(r, TagFromName.ReferencedSOPClassUID), sop,
                frame);
    }

    private static void readGraphics(AttributeList item, ImageRef image, Kind ourKind, String source,
                                     List<Annotation> marks, List<String> notShown) {
        SequenceAttribute graphics = (SequenceAttribute) item.get(PsTags.GRAPHIC_OBJECT_SEQUENCE);
        for (int k = 0; graphics != null && k < graphics.getNumberOfItems(); k++) {
            AttributeList g = graphics.getItem(k).getAttributeList();
            String type = Attribute.getSingleStringValueOrEmptyString(g, PsTags.GRAPHIC_TYPE);
            String units = Attribute.getSingleStringValueOrEmptyString(g, PsTags.GRAPHIC_ANNOTATION_UNITS);
            try {
                if (!"PIXEL".equals(units)) {
                    throw new IllegalArgumentException("it is placed on the display (" + units + "), not on the image");
                }
                float[] data = Attribute.getFloatValues(g, PsTags.GRAPHIC_DATA);
                String scoordType = "INTERPOLATED".equals(type) ? "POLYLINE" : type;
                List<ImagePoint> points = Scoord.points(scoordType, data);
                Kind kind = ourKind != null ? ourKind : switch (scoordType) {
                    case "ELLIPSE", "CIRCLE" -> Kind.OVAL;
                    case "POLYLINE" -> Kind.SCRIBBLE;
                    default -> throw new IllegalArgumentException("a " + type + " is not an annotation Fovea draws");
                };
                points = Scoord.pointsOf(kind, points);
                String text = kind == Kind.CALIBRATION ? calibrationText(item, g) : "";
                marks.add(new Annotation(idOf(g), kind, points, text, image));
            } catch (IllegalArgumentException | DicomException e) {
                notShown.add(source + ": a " + (type.isEmpty() ? "graphic" : type) + " is not shown: " + e.getMessage());
            }
        }
    }

    private static void readTexts(AttributeList item, ImageRef image, Kind ourKind, String source,
                                  List<Annotation> marks, List<String> notShown) {
        if (ourKind != null && ourKind != Kind.TEXT) {
            return;                         // our arrows' and calibrations' texts belong to their graphics
        }
        SequenceAttribute texts = (SequenceAttribute) item.get(PsTags.TEXT_OBJECT_SEQUENCE);
        for (int k = 0; texts != null && k < texts.getNumberOfItems(); k++) {
            AttributeList t = texts.getItem(k).getAttributeList();
            String value = Attribute.getSingleStringValueOrEmptyString(t, PsTags.UNFORMATTED_TEXT_VALUE);
            try {
                float[] anchor = Attribute.getFloatValues(t, PsTags.ANCHOR_POINT);
                String units = Attribute.getSingleStringValueOrEmptyString(t, PsTags.ANCHOR_POINT_ANNOTATION_UNITS);
                if (anchor == null || anchor.length != 2 || !"PIXEL".equals(units)) {
                    throw new IllegalArgumentException("it has no anchor point on the image");
                }
                marks.add(new Annotation(idOf(t), Kind.TEXT, List.of(new ImagePoint(anchor[0], anchor[1])), value.strip(),
                        image));
            } catch (IllegalArgumentException e) {
                notShown.add(source + ": the text \"" + value + "\" is not shown: " + e.getMessage());
            }
        }
    }

    private static String calibrationText(AttributeList item, AttributeList graphic) throws DicomException {
        SequenceAttribute texts = (SequenceAttribute) item.get(PsTags.TEXT_OBJECT_SEQUENCE);
        String uid = Attribute.getSingleStringValueOrEmptyString(graphic, TagFromName.TrackingUID);
        for (int k = 0; texts != null && k < texts.getNumberOfItems(); k++) {
            AttributeList t = texts.getItem(k).getAttributeList();
            if (uid.equals(Attribute.getSingleStringValueOrEmptyString(t, TagFromName.TrackingUID))) {
                return Attribute.getSingleStringValueOrEmptyString(t, PsTags.UNFORMATTED_TEXT_VALUE)
                        .replace("mm", "").strip();
            }
        }
        return "";
    }

    private static String idOf(AttributeList object) {
        String uid = Attribute.getSingleStringValueOrEmptyString(object, TagFromName.TrackingUID);
        UUID u = Documents.uuidOf(uid);
        return u != null ? u.toString() : !uid.isEmpty() ? uid : UUID.randomUUID().toString();
    }
}
