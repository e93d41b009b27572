package org.fovea.app.hanging;

import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;
import org.fovea.dicom.ImageHeader;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.dicom.marks.MarkArchive;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.Vec3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A study of the local archive as hanging protocols see it: its image series (documents left
 * out), each with the plane of its first image, and the body part of its first image. Reads one
 * header per series: call it off the UI thread.
 */
public final class HangingStudies {

    private HangingStudies() {
    }

    /**
     * A study as the index knows it, without its series: enough to choose priors (patient, date,
     * modalities) without reading a header of every series of every study of the patient.
     */
    public static StudyInfo summary(StudySummary s) {
        return new StudyInfo(s.studyUid(), s.patientId(), s.studyDate(), modalities(s), "", s.description(), "", List.of());
    }

    /** The study's image modalities: a CT whose study holds a measurement SR is no prior for a film with one. */
    private static List<String> modalities(StudySummary s) {
        return Arrays.stream(org.fovea.app.view.Timeline.imageModalities(s.modalities()).split("/"))
                .filter(m -> !m.isBlank()).toList();
    }

    public static StudyInfo of(LocalArchive archive, StudySummary s) {
        List<SeriesInfo> series = new ArrayList<>();
        String bodyPart = "";
        for (SeriesSummary ss : archive.series(s.studyUid())) {
            if (MarkArchive.documentSeries(ss)) {
                continue;
            }
            List<InstanceEntry> images = archive.instances(ss.seriesUid());
            SeriesInfo.Plane plane = SeriesInfo.Plane.UNKNOWN;
            if (!images.isEmpty()) {
                try {
                    DicomImage first = DicomImage.read(images.get(0).file());
                    ImageHeader h = first.header();
                    if (bodyPart.isEmpty() && h.bodyPartExamined() != null) {
                        bodyPart = h.bodyPartExamined();
                    }
                    plane = plane(first.plane(0));
                } catch (DicomReadException | RuntimeException e) {
                    plane = SeriesInfo.Plane.UNKNOWN;
                }
            }
            series.add(new SeriesInfo(ss.seriesUid(), ss.number(), ss.modality(), ss.description(), ss.instanceCount(), plane));
        }
        return new StudyInfo(s.studyUid(), s.patientId(), s.studyDate(), modalities(s), bodyPart, s.description(), "",
                series);
    }

    /** The plane of an image from its normal: the patient axis it is closest to, or OTHER when oblique. */
    public static SeriesInfo.Plane plane(ImagePlane p) {
        if (p == null) {
            return SeriesInfo.Plane.UNKNOWN;
        }
        Vec3 n = p.normal();
        double x = Math.abs(n.x());
        double y = Math.abs(n.y());
        double z = Math.abs(n.z());
        double max = Math.max(x, Math.max(y, z));
        if (max < 0.8 * Math.sqrt(x * x + y * y + z * z)) {
            return SeriesInfo.Plane.OTHER;
        }
        return max == z ? SeriesInfo.Plane.AXIAL : max == y ? SeriesInfo.Plane.CORONAL : SeriesInfo.Plane.SAGITTAL;
    }
}
