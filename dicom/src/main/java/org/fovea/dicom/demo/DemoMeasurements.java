package org.fovea.dicom.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.marks.MarkArchive;
import org.fovea.render.measure.Measured;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.render.Frame;
import org.fovea.render.ModalityLut;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.Vec3;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.EdgeSnap;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;

/**
 * The measurements a new user finds on the demo studies, made the way a radiologist makes them:
 * a caliper across each nodule of the current CT on the axial slice through its centre, and the
 * cardiothoracic ratio's two widths on the chest film, each end put down a hand's error away
 * from where the anatomy is and then snapped to the strongest edge on the image
 * ({@link EdgeSnap}). The values therefore come from the pixels, and tests compare them with
 * the phantom's true sizes.
 */
public final class DemoMeasurements {

    /** How far from the true edge each caliper end is first put down, mm (outside the structure). */
    public static final double HAND_ERROR_MM = 2.0;
    /** How far along its line each end may move to an edge, mm. */
    private static final double REACH_MM = 6.0;

    private DemoMeasurements() {
    }

    /**
     * A horizontal caliper across each nodule on the slice of {@code slices} nearest its centre.
     *
     * @param startOutsideMm how far outside each edge the ends are first put down
     */
    public static List<Annotation> noduleDiameters(List<DicomImage> slices, List<ChestPhantom.Nodule> nodules,
                                                   double startOutsideMm) throws DicomReadException {
        List<Annotation> out = new ArrayList<>();
        for (ChestPhantom.Nodule n : nodules) {
            DicomImage slice = slices.stream()
                    .min(Comparator.comparingDouble(s -> Math.abs(s.plane(0).position().z() - n.centre().z())))
                    .orElseThrow(() -> new IllegalArgumentException("no CT slices"));
            ImagePlane plane = slice.plane(0);
            Frame frame = slice.frame(0);
            ModalityLut lut = slice.pixelInfo().modalityLut();
            double mm = plane.columnSpacing();
            ImagePoint centre = toImage(plane, new Vec3(n.centre().x(), n.centre().y(), plane.position().z()));
            double half = (n.radius() + startOutsideMm) / mm;
            ImagePoint left = EdgeSnap.snap(frame, lut, centre.plus(-half, 0), 1, 0, REACH_MM / mm);
            ImagePoint right = EdgeSnap.snap(frame, lut, centre.plus(half, 0), 1, 0, REACH_MM / mm);
            out.add(new Annotation(UUID.randomUUID().toString(), Kind.LENGTH, List.of(left, right),
                    Math.round(n.diameter()) + " mm nodule", ref(slice)));
        }
        return out;
    }

    /**
     * The cardiothoracic ratio on the PA film: the heart's width on the row through its centre and
     * the thorax's (the lungs' outer margins) on the row where the lungs are widest.
     */
    public static Annotation cardiothoracicRatio(DicomImage film, double startOutsideMm) throws DicomReadException {
        Frame frame = film.frame(0);
        ModalityLut lut = film.pixelInfo().modalityLut();
        double mm = film.scale().columnMm();
        double x0 = DrGeometry.WIDTH / 2;
        ChestPhantom.Ellipsoid heart = ChestPhantom.HEART;
        double heartRow = (DrGeometry.TOP_Z - heart.centre().z()) / mm;
        double thoraxRow = (DrGeometry.TOP_Z - ChestPhantom.RIGHT_LUNG.centre().z()) / mm;
        double right = ChestPhantom.RIGHT_LUNG.centre().x() - ChestPhantom.RIGHT_LUNG.rx();
        double left = ChestPhantom.LEFT_LUNG.centre().x() + ChestPhantom.LEFT_LUNG.rx();
        List<ImagePoint> p = List.of(
                snapAlongRow(frame, lut, (heart.centre().x() - heart.rx() - startOutsideMm + x0) / mm, heartRow, mm),
                snapAlongRow(frame, lut, (heart.centre().x() + heart.rx() + startOutsideMm + x0) / mm, heartRow, mm),
                snapAlongRow(frame, lut, (right - startOutsideMm + x0) / mm, thoraxRow, mm),
                snapAlongRow(frame, lut, (left + startOutsideMm + x0) / mm, thoraxRow, mm));
        return new Annotation(UUID.randomUUID().toString(), Kind.CARDIOTHORACIC, p, "", ref(film));
    }

    private static ImagePoint snapAlongRow(Frame frame, ModalityLut lut, double x, double y, double mm) {
        return EdgeSnap.snap(frame, lut, new ImagePoint(x, y), 1, 0, REACH_MM / mm);
    }

    /** DICOM image coordinates (pixel centres at +0.5) of a patient point on the plane. */
    static ImagePoint toImage(ImagePlane plane, Vec3 patient) {
        Vec3 d = patient.minus(plane.position());
        return new ImagePoint(d.dot(plane.rowDirection()) / plane.columnSpacing() + 0.5,
                d.dot(plane.columnDirection()) / plane.rowSpacing() + 0.5);
    }

    /**
     * Puts the demo's measurements into its studies in the archive, once: the three nodules'
     * calipers on the current CT and the cardiothoracic ratio on the chest film, saved as a
     * measurement report and a presentation state of each study. Returns how many marks were
     * saved (0 when the studies already had ours).
     */
    public static int ensureSaved(LocalArchive archive, DemoSize size, Path workDir,
                                  Function<Measured, String> valueText) throws DicomReadException {
        MarkArchive marks = new MarkArchive(archive, workDir);
        int saved = 0;
        String ctStudy = DemoStudy.CURRENT_CT.studyUid(size);
        if (marks.load(ctStudy).ours().isEmpty()) {
            List<DicomImage> slices = new ArrayList<>();
            for (InstanceEntry e : archive.instances(DemoStudy.CURRENT_CT.seriesUid(size))) {
                slices.add(DicomImage.read(e.file()));
            }
            List<Annotation> calipers = noduleDiameters(slices, ChestPhantom.CURRENT_NODULES, HAND_ERROR_MM);
            marks.save(ctStudy, calipers, valueText, Map.of(calipers.get(2).image(), "20 mm nodule"), Map.of());
            saved += calipers.size();
        }
        String drStudy = DemoStudy.CHEST_DR.studyUid(size);
        if (marks.load(drStudy).ours().isEmpty()) {
            List<InstanceEntry> film = archive.instances(DemoStudy.CHEST_DR.seriesUid(size));
            Annotation ctr = cardiothoracicRatio(DicomImage.read(film.get(0).file()), HAND_ERROR_MM);
            marks.save(drStudy, List.of(ctr), valueText, Map.of(), Map.of());
            saved++;
        }
        return saved;
    }

    static ImageRef ref(DicomImage image) {
        ImageHeader h = image.header();
        return new ImageRef(h.seriesInstanceUid(), h.sopClassUid(), h.sopInstanceUid(), 1);
    }
}
