package org.fovea.dicom.marks;

import org.fovea.dicom.archive.Folders;
import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomException;
import com.pixelmed.dicom.FileMetaInformation;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.ArchiveException;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.ImportReport;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Measurer;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.DicomReadException;

/**
 * A study's marks in the local archive, as DICOM objects in the study: measurements in a TID 1500
 * report (SR), annotations, calibrations, the window and zoom in a presentation state (PR), key
 * images in key object selections (KO), each kind in a series of ours. Every save adds a new
 * generation (instance numbers {@code generation × 100 + n}) and loading takes the newest one, so
 * earlier versions stay in the archive as its history. Objects made elsewhere (a PACS, another
 * workstation) are read too, as read-only marks. Not for the FX thread: it reads and writes files.
 */
public final class MarkArchive {

    /** What a study holds. */
    public record Loaded(List<Annotation> ours, Map<Annotation, String> others, Map<ImageRef, String> keyImages,
                         List<String> notShown) {
    }

    private static final Set<String> DOCUMENTS = Set.of("SR", "PR", "KO", "DOC");
    private static final int GENERATION = 100;

    private final LocalArchive archive;
    private final Path workDir;

    /** @param workDir where objects are written before they are imported */
    public MarkArchive(LocalArchive archive, Path workDir) {
        this.archive = archive;
        this.workDir = workDir;
    }

    /** Whether a series holds documents (reports, presentation states, key objects), not images. */
    public static boolean documentSeries(SeriesSummary s) {
        return DOCUMENTS.contains(s.modality());
    }

    /** The file of one image of the study (not a document), when the local archive holds one. */
    public static java.util.Optional<Path> anyImageFile(LocalArchive archive, String studyUid) {
        return archive.series(studyUid).stream().filter(s -> !documentSeries(s))
                .map(s -> archive.instances(s.seriesUid())).filter(l -> !l.isEmpty())
                .map(l -> l.get(0).file()).findFirst();
    }

    public Loaded load(String studyUid) {
        Map<String, String> seriesOfImage = new HashMap<>();
        List<InstanceEntry> documents = new ArrayList<>();
        Set<String> ourDocuments = new java.util.HashSet<>();
        Set<String> ourSeries = Set.of(Documents.seriesUid(studyUid, "sr"), Documents.seriesUid(studyUid, "pr"),
                Documents.seriesUid(studyUid, "ko"));
        // our reports (TID 2000 SR, its PDF) are the report's, not marks: not read here
        Set<String> reportSeries = Set.of(Documents.seriesUid(studyUid, "report"), Documents.seriesUid(studyUid, "report-pdf"));
        for (SeriesSummary s : archive.series(studyUid)) {
            if (reportSeries.contains(s.seriesUid())) {
                continue;
            }
            for (InstanceEntry e : archive.instances(s.seriesUid())) {
                if (documentSeries(s)) {
                    documents.add(e);
                    if (ourSeries.contains(s.seriesUid())) {
                        ourDocuments.add(e.sopInstanceUid());
                    }
                } else {
                    seriesOfImage.put(e.sopInstanceUid(), s.seriesUid());
                }
            }
        }
        int generation = documents.stream().filter(e -> ourDocuments.contains(e.sopInstanceUid()))
                .mapToInt(e -> e.instanceNumber() == null ? 0 : e.instanceNumber() / GENERATION).max().orElse(-1);
        List<Annotation> ours = new ArrayList<>();
        Map<Annotation, String> others = new LinkedHashMap<>();
        Map<ImageRef, String> keys = new LinkedHashMap<>();
        List<String> notShown = new ArrayList<>();
        for (InstanceEntry e : documents) {
            boolean mine = ourDocuments.contains(e.sopInstanceUid());
            if (mine && (e.instanceNumber() == null || e.instanceNumber() / GENERATION != generation)) {
                continue;                       // an earlier version of ours
            }
            String source = mine ? "Fovea" : "object " + e.file().getFileName();
            AttributeList list;
            try {
                list = new AttributeList();
                list.read(e.file().toString());
            } catch (IOException | DicomException | RuntimeException x) {
                notShown.add(source + ": cannot be read (" + x.getMessage() + ")");
                continue;
            }
            List<Annotation> read = new ArrayList<>();
            String modality = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.Modality);
            switch (modality) {
                case "SR" -> {
                    MeasurementReport.Read r = MeasurementReport.read(list, source);
                    read.addAll(r.marks());
                    notShown.addAll(r.notShown());
                }
                case "PR" -> {
                    PresentationStates.Read r = PresentationStates.read(list, source);
                    read.addAll(r.marks());
                    notShown.addAll(r.notShown());
                }
                case "KO" -> KeyObjects.read(list).forEach((image, note) -> {
                    String series = seriesOfImage.get(image.sopInstanceUid());
                    if (series != null) {
                        keys.put(new ImageRef(series, image.sopClassUid(), image.sopInstanceUid(), image.frame()), note);
                    }
                });
                default -> { }
            }
            for (Annotation a : read) {
                String series = seriesOfImage.get(a.image().sopInstanceUid());
                if (series == null) {
                    notShown.add(source + ": a " + a.kind().name().toLowerCase() + " refers to an image this study"
                            + " does not have (" + a.image().sopInstanceUid() + ")");
                    continue;
                }
                Annotation placed = new Annotation(a.id(), a.kind(), a.points(), a.text(),
                        new ImageRef(series, a.image().sopClassUid(), a.image().sopInstanceUid(), a.image().frame()));
                if (mine) {
                    ours.add(placed);
                } else {
                    others.put(placed, "from " + describe(list));
                }
            }
        }
        return new Loaded(ours, others, keys, notShown);
    }

    private static String describe(AttributeList list) {
        String who = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.Manufacturer);
        String what = Attribute.getSingleStringValueOrEmptyString(list, TagFromName.SeriesDescription);
        return (what.isEmpty() ? "another system's object" : what) + (who.isEmpty() ? "" : " (" + who + ")");
    }

    /**
     * Writes a new generation of the study's marks ({@code ours}: every editable mark), each
     * measured here on its own image (the header's scale or the image's calibration, the pixels
     * for statistics), {@code valueText} giving the text copy of a measurement's values.
     */
    public void save(String studyUid, List<Annotation> ours, java.util.function.Function<Measured, String> valueText,
                     Map<ImageRef, String> keyImages, Map<ImageRef, PresentationStates.Display> displays) {
        Map<String, InstanceEntry> images = imagesOf(studyUid);
        List<Measured> measured = measure(ours, images);
        if (images.isEmpty()) {
            throw new ArchiveException("The study " + studyUid + " has no images in the archive to put marks on", null);
        }
        int generation = 1 + archive.series(studyUid).stream().filter(MarkArchive::documentSeries)
                .filter(s -> s.seriesUid().equals(Documents.seriesUid(studyUid, "sr"))
                        || s.seriesUid().equals(Documents.seriesUid(studyUid, "pr"))
                        || s.seriesUid().equals(Documents.seriesUid(studyUid, "ko")))
                .flatMap(s -> archive.instances(s.seriesUid()).stream())
                .mapToInt(e -> e.instanceNumber() == null ? 0 : e.instanceNumber() / GENERATION).max().orElse(0);
        Path dir = workDir.resolve("marks-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            AttributeList studyImage = header(images.values().iterator().next().file());
            LocalDateTime now = LocalDateTime.now();
            int number = generation * GENERATION;
            List<Measured> measurements = measured.stream().filter(m -> m.annotation().kind().measurement()).toList();
            List<Annotation> annotations = measured.stream().map(Measured::annotation)
                    .filter(a -> !a.kind().measurement()).toList();
            Map<Annotation, String> copies = new LinkedHashMap<>();
            measurements.forEach(m -> copies.put(m.annotation(), valueText.apply(m)));
            write(MeasurementReport.write(measurements, studyImage, studyUid, number, now), dir.resolve("sr.dcm"));
            ImageInfos infos = new ImageInfos(images);
            write(PresentationStates.write(annotations, copies, displays, infos::of, studyImage, studyUid, number, now),
                    dir.resolve("pr.dcm"));
            List<AttributeList> kos = KeyObjects.write(keyImages, studyImage, studyUid, number, now);
            for (int i = 0; i < kos.size(); i++) {
                write(kos.get(i), dir.resolve("ko" + i + ".dcm"));
            }
            ImportReport report = archive.importPaths(List.of(dir), ImportListener.none(), CancelToken.none());
            if (!report.failures().isEmpty()) {
                throw new ArchiveException("The marks could not be stored: " + report.failures().get(0), null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the marks of study " + studyUid + ": " + e.getMessage(), e);
        } catch (DicomException e) {
            throw new IllegalStateException("Cannot encode the marks of study " + studyUid + ": " + e.getMessage(), e);
        } finally {
            Folders.deleteTree(dir);
        }
    }

    /** The marks of a study measured on their images, as {@link #save} measures them. */
    public List<Measured> measure(String studyUid, List<Annotation> marks) {
        return measure(marks, imagesOf(studyUid));
    }

    /** Each mark measured on its image file; a mark on an image that cannot be read keeps its geometry in px. */
    private static List<Measured> measure(List<Annotation> marks, Map<String, InstanceEntry> images) {
        Map<ImageRef, List<Annotation>> byImage = new LinkedHashMap<>();
        marks.forEach(a -> byImage.computeIfAbsent(a.image(), k -> new ArrayList<>()).add(a));
        Map<Annotation, Measured> out = new HashMap<>();
        for (Map.Entry<ImageRef, List<Annotation>> e : byImage.entrySet()) {
            Measurer measurer = new Measurer(Measurer.calibrated(Scale.none(), e.getValue()), null, null, Unit.NONE);
            InstanceEntry entry = images.get(e.getKey().sopInstanceUid());
            try {
                DicomImage image = entry == null ? null : DicomImage.read(entry.file());
                if (image == null) {
                    throw new IllegalArgumentException("not in the study");
                }
                int frame = Math.min(e.getKey().frame(), Math.max(1, entry.frames())) - 1;
                Scale scale = Measurer.calibrated(image.scale(), e.getValue());
                String type = image.pixelInfo(frame).modalityLut() instanceof org.fovea.render.Rescale r ? r.type() : "";
                measurer = new Measurer(scale, image.frame(frame), image.pixelInfo(frame).modalityLut(),
                        Unit.ofRescaleType(type, "CT".equals(image.header().modality())));
            } catch (DicomReadException | RuntimeException unreadable) {
                // geometry in px: the mark is kept, its image's pixels and spacing are not at hand
            }
            for (Annotation a : e.getValue()) {
                out.put(a, measurer.measure(a));
            }
        }
        return marks.stream().map(out::get).toList();
    }

    private Map<String, InstanceEntry> imagesOf(String studyUid) {
        Map<String, InstanceEntry> out = new LinkedHashMap<>();
        for (SeriesSummary s : archive.series(studyUid)) {
            if (!documentSeries(s)) {
                archive.instances(s.seriesUid()).forEach(e -> out.put(e.sopInstanceUid(), e));
            }
        }
        return out;
    }

    static AttributeList header(Path file) throws IOException, DicomException {
        AttributeList list = new AttributeList();
        list.read(file.toString(), TagFromName.PixelData);
        return list;
    }

    private static void write(AttributeList list, Path file) throws DicomException, IOException {
        FileMetaInformation.addFileMetaInformation(list, TransferSyntax.ExplicitVRLittleEndian, "FOVEA");
        list.write(file.toFile(), TransferSyntax.ExplicitVRLittleEndian, true, true);
    }

    /** Size, photometric and rescale of the study's images, read from their headers once each. */
    private static final class ImageInfos {
        private final Map<String, InstanceEntry> images;
        private final Map<String, ImageInfo> cache = new HashMap<>();

        ImageInfos(Map<String, InstanceEntry> images) {
            this.images = images;
        }

        ImageInfo of(ImageRef r) {
            return cache.computeIfAbsent(r.sopInstanceUid(), uid -> {
                InstanceEntry e = images.get(uid);
                if (e == null) {
                    return new ImageInfo(1, 1, false, 1, 0, "");
                }
                try {
                    AttributeList h = header(e.file());
                    return new ImageInfo(e.columns(), e.rows(),
                            "MONOCHROME1".equals(Attribute.getSingleStringValueOrEmptyString(h,
                                    TagFromName.PhotometricInterpretation)),
                            Attribute.getSingleDoubleValueOrDefault(h, TagFromName.RescaleSlope, 1),
                            Attribute.getSingleDoubleValueOrDefault(h, TagFromName.RescaleIntercept, 0),
                            Attribute.getSingleStringValueOrEmptyString(h, TagFromName.RescaleType));
                } catch (IOException | DicomException x) {
                    return new ImageInfo(e.columns(), e.rows(), false, 1, 0, "");
                }
            });
        }
    }
}
