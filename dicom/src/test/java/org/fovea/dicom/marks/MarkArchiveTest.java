package org.fovea.dicom.marks;

import static org.assertj.core.api.Assertions.assertThat;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DicomImage;
import org.fovea.dicom.archive.ImportListener;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.SeriesSummary;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.render.measure.Annotation;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.ImageRef;
import org.fovea.render.measure.Kind;
import org.fovea.render.measure.Measured;
import org.fovea.render.measure.Measurer;
import org.fovea.render.measure.Unit;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study's marks saved as DICOM objects in the archive and read back: every kind the same, the
 * objects valid by dciodvfy, DCMTK reading the measurements with their units, and objects from
 * elsewhere shown read-only with reasons for what cannot be shown.
 */
class MarkArchiveTest {

    @TempDir
    static Path home;
    private static LocalArchive archive;
    private static String study;
    private static List<InstanceEntry> ct;
    private static String ctSeries;

    @BeforeAll
    static void createDemo() {
        archive = LocalArchive.open(home);
        DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
        study = DemoStudy.CURRENT_CT.studyUid(DemoSize.SMALL);
        ctSeries = DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL);
        ct = archive.instances(ctSeries);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private static ImageRef ref(int slice) {
        InstanceEntry e = ct.get(slice);
        return new ImageRef(ctSeries, e.sopClassUid(), e.sopInstanceUid(), 1);
    }

    /** Points on a quarter-pixel grid: exact in the objects' 32-bit floats. */
    private static Annotation mark(Kind kind, int slice, String text, double... xy) {
        List<ImagePoint> p = new ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            p.add(new ImagePoint(xy[i], xy[i + 1]));
        }
        return new Annotation(UUID.randomUUID().toString(), kind, p, text, ref(slice));
    }

    private static List<Annotation> everyKind() {
        return List.of(
                mark(Kind.POINT, 10, "", 64.5, 64.5),
                mark(Kind.LENGTH, 10, "", 40, 50, 80.25, 70.5),
                mark(Kind.POLYLINE, 11, "", 10, 10, 20, 30, 40, 35.5),
                mark(Kind.ANGLE, 11, "", 30, 30, 50, 50, 70, 30),
                mark(Kind.COBB, 12, "", 20, 20, 60, 25, 20, 80, 60, 70),
                mark(Kind.ELLIPSE, 12, "", 50, 50, 70.5, 62),
                mark(Kind.RECTANGLE, 13, "", 30, 30, 45, 52.25),
                mark(Kind.POLYGON, 13, "", 60, 60, 80, 62, 75, 85),
                mark(Kind.FREEHAND, 14, "", 60, 60, 70, 58, 80, 65, 72, 80, 61, 72),
                mark(Kind.LASSO, 14, "", 30, 30, 40, 30, 40, 38, 30, 38),
                mark(Kind.CARDIOTHORACIC, 15, "", 40, 60, 80, 60, 20, 40, 110, 40),
                mark(Kind.CALIBRATION, 15, "25.0", 10, 100, 60, 100),
                mark(Kind.ARROW, 16, "", 10, 10, 40, 40),
                mark(Kind.TEXT, 16, "结节 nodule", 50, 20),
                mark(Kind.BOX, 17, "", 20, 20, 30, 30),
                mark(Kind.OVAL, 17, "", 40, 40, 60, 50),
                mark(Kind.SCRIBBLE, 18, "", 5, 5, 10, 8, 15, 4));
    }

    private static List<Measured> measure(List<Annotation> marks) throws Exception {
        List<Measured> out = new ArrayList<>();
        for (Annotation a : marks) {
            InstanceEntry e = ct.stream().filter(x -> x.sopInstanceUid().equals(a.image().sopInstanceUid()))
                    .findFirst().orElseThrow();
            DicomImage image = DicomImage.read(e.file());
            out.add(new Measurer(image.scale(), image.frame(0), image.pixelInfo().modalityLut(), Unit.HU).measure(a));
        }
        return out;
    }

    private static String text(Measured m) {
        return m.values().isEmpty() ? "" : m.values().get(0).value() + " " + m.values().get(0).unit().symbol();
    }

    private static List<Path> ourObjects(String modality) {
        List<Path> out = new ArrayList<>();
        for (SeriesSummary s : archive.series(study)) {
            if (s.modality().equals(modality)) {
                archive.instances(s.seriesUid()).forEach(e -> out.add(e.file()));
            }
        }
        return out;
    }

    @Test
    void everyKindOfMarkComesBackAsDrawnWithItsKeyImagesAndTheNewestSaveWins() throws Exception {
        MarkArchive marks = new MarkArchive(archive, home.resolve("work"));
        List<Annotation> drawn = everyKind();
        List<Measured> measured = measure(drawn);
        Map<ImageRef, String> keys = new LinkedHashMap<>();
        keys.put(ref(10), "");
        keys.put(ref(12), "largest nodule 最大结节");
        marks.save(study, drawn, MarkArchiveTest::text, keys,
                Map.of(ref(10), new PresentationStates.Display(-600, 1500, 2.0, false)));

        MarkArchive.Loaded loaded = marks.load(study);
        assertThat(loaded.notShown()).isEmpty();
        assertThat(loaded.others()).isEmpty();
        assertThat(loaded.ours()).containsExactlyInAnyOrderElementsOf(drawn);
        assertThat(loaded.keyImages()).isEqualTo(keys);
        // the values measured on what was read are those measured on what was drawn
        assertThat(measure(loaded.ours()).stream().map(Measured::values).toList())
                .containsExactlyInAnyOrderElementsOf(measured.stream().map(Measured::values).toList());

        List<Annotation> fewer = drawn.subList(0, 3);
        marks.save(study, fewer, MarkArchiveTest::text, Map.of(), Map.of());
        MarkArchive.Loaded newest = marks.load(study);
        assertThat(newest.ours()).containsExactlyInAnyOrderElementsOf(fewer);
        assertThat(newest.keyImages()).isEmpty();
    }

    @Test
    void ourObjectsAreValidDicomAndDcmtkReadsTheMeasurementsWithTheirUnits() throws Exception {
        MarkArchive marks = new MarkArchive(archive, home.resolve("work"));
        marks.save(study, everyKind(), MarkArchiveTest::text, Map.of(ref(10), "key"),
                Map.of(ref(10), new PresentationStates.Display(40, 400, 1.5, false)));
        Path dciodvfy = Tools.installed("dciodvfy", "dicom3tools");
        for (String modality : List.of("SR", "PR", "KO")) {
            List<Path> files = ourObjects(modality);
            assertThat(files).as(modality).isNotEmpty();
            Path newest = files.get(files.size() - 1);
            String out = Command.of(dciodvfy.toString(), newest.toString()).mergeStderr()
                    .timeout(Duration.ofSeconds(60)).run().stdout();
            assertThat(out).as(modality + " " + out).doesNotContain("Error");
        }
        List<Path> srs = ourObjects("SR");
        String dump = Command.of(Tools.installed("dsrdump", "dcmtk").toString(), srs.get(srs.size() - 1).toString())
                .timeout(Duration.ofSeconds(60)).run().requireSuccess().stdout();
        assertThat(dump).contains("Imaging Measurement Report").contains("Measurement Group")
                .contains("Length").contains("(mm,UCUM").contains("Mean").contains("([hnsf'U],UCUM").contains("Area")
                .contains("(mm2,UCUM").contains("(deg,UCUM");
    }

    @Test
    void objectsFromElsewhereAreShownReadOnlyAndWhatCannotBeShownIsListedWithItsReason() throws Exception {
        MarkArchive marks = new MarkArchive(archive, home.resolve("work"));
        List<Measured> measured = measure(List.of(mark(Kind.LENGTH, 20, "", 10, 10, 50, 10),
                mark(Kind.ELLIPSE, 21, "", 40, 40, 60, 60)));
        AttributeList image = MarkArchive.header(ct.get(0).file());
        // a report made elsewhere: another series, an unknown finding, one group on an image we lack
        AttributeList sr = MeasurementReport.write(measured, image, study, 1, java.time.LocalDateTime.now());
        Documents.put(sr, TagFromName.SeriesInstanceUID, "2.25.123456789");
        Documents.put(sr, TagFromName.Manufacturer, "Other PACS");
        String text = sr.toString();
        assertThat(text).contains("ELLIPSE");
        Path dir = Files.createDirectories(home.resolve("elsewhere"));
        replaceFinding(sr);
        replaceImage(sr, ct.get(21).sopInstanceUid(), "2.25.999");
        write(sr, dir.resolve("sr.dcm"));
        // a presentation state made elsewhere: a text, a polyline and a MULTIPOINT it cannot show
        AttributeList pr = PresentationStates.write(List.of(mark(Kind.TEXT, 22, "see here", 20, 20),
                mark(Kind.SCRIBBLE, 22, "", 1, 1, 9, 9), mark(Kind.COBB, 22, "", 1, 1, 5, 1, 1, 9, 5, 9)), Map.of(),
                Map.of(), r -> new ImageInfo(128, 128, false, 1, -1024, "HU"), image, study, 1,
                java.time.LocalDateTime.now());
        Documents.put(pr, TagFromName.SeriesInstanceUID, "2.25.123456790");
        Documents.put(pr, TagFromName.ContentLabel, "OTHER");
        walk(pr, item -> {
            Attribute n = item.get(PsTags.NUMBER_OF_GRAPHIC_POINTS);
            if (n != null && n.getSingleIntegerValueOrDefault(0) == 4) {
                PsTags.cs(item, PsTags.GRAPHIC_TYPE, "MULTIPOINT");
            }
        });
        write(pr, dir.resolve("pr.dcm"));
        assertThat(archive.importPaths(List.of(dir), ImportListener.none(), CancelToken.none()).failures()).isEmpty();

        MarkArchive.Loaded loaded = marks.load(study);
        assertThat(loaded.others().keySet()).extracting(Annotation::kind)
                .contains(Kind.LENGTH, Kind.TEXT, Kind.SCRIBBLE);
        assertThat(loaded.others().values()).allMatch(v -> v.startsWith("from "));
        assertThat(loaded.notShown()).anyMatch(r -> r.contains("does not have") && r.contains("2.25.999"));
        assertThat(loaded.notShown()).anyMatch(r -> r.contains("MULTIPOINT is not an annotation Fovea draws"));
    }

    /** Turns our Finding codes into a code Fovea does not know. */
    private static void replaceFinding(AttributeList sr) throws Exception {
        walk(sr, item -> {
            Attribute v = item.get(TagFromName.CodeValue);
            Attribute s = item.get(TagFromName.CodingSchemeDesignator);
            if (v != null && s != null && Codes.FOVEA.equals(s.getSingleStringValueOrEmptyString())
                    && "LENGTH".equals(v.getSingleStringValueOrEmptyString())) {
                Documents.put(item, TagFromName.CodeValue, "999999");
                Documents.put(item, TagFromName.CodingSchemeDesignator, "99OTHER");
            }
        });
    }

    private static void replaceImage(AttributeList sr, String from, String to) throws Exception {
        walk(sr, item -> {
            Attribute a = item.get(TagFromName.ReferencedSOPInstanceUID);
            if (a != null && from.equals(a.getSingleStringValueOrEmptyString())) {
                Documents.put(item, TagFromName.ReferencedSOPInstanceUID, to);
            }
        });
    }

    private interface ItemVisitor {
        void visit(AttributeList item) throws Exception;
    }

    private static void walk(AttributeList list, ItemVisitor visitor) throws Exception {
        visitor.visit(list);
        for (Object o : list.values()) {
            if (o instanceof com.pixelmed.dicom.SequenceAttribute s) {
                for (int i = 0; i < s.getNumberOfItems(); i++) {
                    walk(s.getItem(i).getAttributeList(), visitor);
                }
            }
        }
    }

    private static void write(AttributeList list, Path file) throws Exception {
        com.pixelmed.dicom.FileMetaInformation.addFileMetaInformation(list,
                com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, "TEST");
        list.write(file.toFile(), com.pixelmed.dicom.TransferSyntax.ExplicitVRLittleEndian, true, true);
    }
}
