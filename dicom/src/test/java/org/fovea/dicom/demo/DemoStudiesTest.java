package org.fovea.dicom.demo;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.TagFromName;
import org.fovea.dicom.CancelToken;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.archive.StudyQuery;
import org.fovea.dicom.archive.StudySummary;
import org.fovea.testsupport.Command;
import org.fovea.testsupport.Tools;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Generates the small demo once into a real archive and reads it back like a viewer would. */
class DemoStudiesTest {

    private static final DemoSize SIZE = DemoSize.SMALL;

    @TempDir
    static Path home;
    @TempDir
    static Path work;
    static LocalArchive archive;
    static DemoStudies.Result first;

    @BeforeAll
    static void generate() {
        archive = LocalArchive.open(home);
        first = DemoStudies.ensure(SIZE, archive, work, DemoListener.none(), CancelToken.none());
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private List<InstanceEntry> files(DemoStudy study) {
        return archive.instances(study.seriesUid(SIZE));
    }

    private static AttributeList read(Path file) throws Exception {
        AttributeList list = new AttributeList();
        list.read(file.toString());
        return list;
    }

    /** HU of the pixel nearest to a point, read from the stored file of its slice. */
    private double hu(CtGeometry g, List<InstanceEntry> slices, double x, double y, double z) throws Exception {
        InstanceEntry slice = slices.get(g.sliceAt(z));
        assertThat(slice.sortKey()).isCloseTo(z, within(g.sliceSpacing() / 2));
        AttributeList list = read(slice.file());
        short[] pixels = list.get(TagFromName.PixelData).getShortValues();
        double intercept = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleIntercept, 0);
        double slope = Attribute.getSingleDoubleValueOrDefault(list, TagFromName.RescaleSlope, 1);
        int stored = pixels[g.indexAt(y) * g.matrix() + g.indexAt(x)] & 0xffff;
        return stored * slope + intercept;
    }

    @Test
    void generatesThreeStudiesOfOneChinesePatientOnceOnly() {
        assertThat(first.cancelled()).isFalse();
        assertThat(first.generated()).containsExactly(DemoStudy.values());
        assertThat(work).isEmptyDirectory();

        DemoStudies.Result again = DemoStudies.ensure(SIZE, archive, work, DemoListener.none(), CancelToken.none());

        assertThat(again.generated()).isEmpty();
        List<StudySummary> studies = archive.studiesOfPatient(DemoPatient.ID);
        assertThat(studies).extracting(StudySummary::instanceCount).containsExactlyInAnyOrder(61, 30, 1);
        assertThat(archive.findStudies(StudyQuery.byName("王建国"))).hasSize(3);
        assertThat(archive.findStudies(StudyQuery.byName("wang jianguo"))).hasSize(3);
        StudySummary current = archive.study(DemoStudy.CURRENT_CT.studyUid(SIZE)).orElseThrow();
        StudySummary prior = archive.study(DemoStudy.PRIOR_CT.studyUid(SIZE)).orElseThrow();
        assertThat(current.studyDate()).isEqualTo(LocalDate.now());
        assertThat(prior.studyDate()).isEqualTo(LocalDate.now().minusYears(1));
        assertThat(current.description()).isEqualTo("胸部CT平扫");
        assertThat(current.modalities()).isEqualTo("CT");
        assertThat(archive.study(DemoStudy.CHEST_DR.studyUid(SIZE)).orElseThrow().description()).isEqualTo("胸部正位");
    }

    @Test
    void theCtReadsBackWithItsGeometryAndChineseName() throws Exception {
        CtGeometry g = SIZE.current();
        List<InstanceEntry> slices = files(DemoStudy.CURRENT_CT);
        assertThat(slices).hasSize(g.slices());
        AttributeList top = read(slices.get(0).file());

        assertThat(Attribute.getSingleStringValueOrEmptyString(top, TagFromName.PatientName))
                .isEqualTo("WANG^JIANGUO=王^建国");
        assertThat(Attribute.getDoubleValues(top, TagFromName.ImageOrientationPatient))
                .containsExactly(1, 0, 0, 0, 1, 0);
        assertThat(Attribute.getDoubleValues(top, TagFromName.ImagePositionPatient))
                .containsExactly(-256, -256, CtGeometry.TOP_Z);
        assertThat(Attribute.getDoubleValues(top, TagFromName.PixelSpacing)).containsExactly(4, 4);
        assertThat(Attribute.getSingleDoubleValueOrDefault(top, TagFromName.SliceThickness, 0)).isEqualTo(5);
        assertThat(Attribute.getSingleIntegerValueOrDefault(top, TagFromName.Rows, 0)).isEqualTo(128);
        assertThat(Attribute.getStringValues(top, TagFromName.WindowCenterWidthExplanation))
                .containsExactly("MEDIASTINUM", "LUNG");
        // head first: instance 1 at the top, each next slice 5 mm lower
        for (int k = 0; k < slices.size(); k++) {
            assertThat(slices.get(k).instanceNumber()).isEqualTo(k + 1);
            assertThat(slices.get(k).sortKey()).isCloseTo(g.z(k), within(1e-6));
        }
    }

    @Test
    void noduleLungAndTableValuesMatchTheSpec() throws Exception {
        CtGeometry g = SIZE.current();
        List<InstanceEntry> slices = files(DemoStudy.CURRENT_CT);
        double tolerance = 4 * CtSeriesWriter.NOISE_SD;
        for (ChestPhantom.Nodule n : ChestPhantom.CURRENT_NODULES) {
            ChestPhantom.Point c = n.centre();
            assertThat(hu(g, slices, c.x(), c.y(), c.z())).as(n.toString())
                    .isCloseTo(ChestPhantom.NODULE_HU, within(tolerance));
            // one nodule diameter sideways is lung again
            assertThat(hu(g, slices, c.x() + n.diameter() + 4, c.y(), c.z()))
                    .isCloseTo(ChestPhantom.LUNG_HU, within(tolerance));
        }
        double sum = 0;
        int count = 0;
        for (int dx = -2; dx <= 2; dx++) {
            for (int dy = -2; dy <= 2; dy++) {
                sum += hu(g, slices, -80 + 4 * dx, -40 + 4 * dy, 0);
                count++;
            }
        }
        assertThat(sum / count).isCloseTo(ChestPhantom.LUNG_HU, within(CtSeriesWriter.NOISE_SD));

        // down every column under the body: body, then at least one air pixel, then the table top
        for (double x = -160; x <= 160; x += 4) {
            double y = 0;
            while (hu(g, slices, x, y, 0) > -900) {
                y += g.pixelSpacing();
            }
            double bodyEnd = y;
            while (hu(g, slices, x, y, 0) < -900) {
                y += g.pixelSpacing();
            }
            assertThat(y - bodyEnd).as("air under the body at x=%s", x).isGreaterThanOrEqualTo(g.pixelSpacing());
            assertThat(y).as("table top at x=%s", x)
                    .isCloseTo(ChestPhantom.tableTopY(x), within(g.pixelSpacing()));
        }
    }

    @Test
    void thePriorHasSmallerNodulesAtTheSamePlaces() throws Exception {
        CtGeometry g = SIZE.prior();
        List<InstanceEntry> slices = files(DemoStudy.PRIOR_CT);
        assertThat(slices).hasSize(g.slices());
        ChestPhantom.Nodule big = ChestPhantom.PRIOR_NODULES.get(2);
        ChestPhantom.Point c = big.centre();
        assertThat(hu(g, slices, c.x(), c.y(), c.z())).isCloseTo(ChestPhantom.NODULE_HU, within(40.0));
        // a pixel wholly outside the prior's 16 mm nodule is lung; 8 mm from the centre, a pixel wholly
        // inside the current 20 mm one is nodule (pixels across an edge get the mean over the pixel)
        assertThat(hu(g, slices, c.x() + 12, c.y(), c.z())).isCloseTo(ChestPhantom.LUNG_HU, within(40.0));
        assertThat(hu(SIZE.current(), files(DemoStudy.CURRENT_CT), c.x() + 8, c.y(), c.z()))
                .isCloseTo(ChestPhantom.NODULE_HU, within(40.0));
    }

    @Test
    void theRadiographIsAMonochrome1PaChest() throws Exception {
        DrGeometry g = SIZE.radiograph();
        AttributeList dx = read(files(DemoStudy.CHEST_DR).get(0).file());

        assertThat(Attribute.getSingleStringValueOrEmptyString(dx, TagFromName.PhotometricInterpretation))
                .isEqualTo("MONOCHROME1");
        assertThat(Attribute.getSingleStringValueOrEmptyString(dx, TagFromName.Modality)).isEqualTo("DX");
        assertThat(Attribute.getStringValues(dx, TagFromName.PatientOrientation)).containsExactly("L", "F");
        assertThat(Attribute.getDoubleValues(dx, TagFromName.ImagerPixelSpacing)).containsExactly(1.0, 1.0);
        short[] pixels = dx.get(TagFromName.PixelData).getShortValues();
        assertThat(pixels).hasSize(g.rows() * g.columns());
        int lungRow = (int) ((DrGeometry.TOP_Z - 0) / g.pixelSpacing());
        int rightLung = (int) ((-80 + DrGeometry.WIDTH / 2) / g.pixelSpacing());
        int spine = g.columns() / 2;
        // MONOCHROME1: more exposure, higher value, darker; lungs let more through than the spine
        assertThat(pixels[lungRow * g.columns() + rightLung] - pixels[lungRow * g.columns() + spine])
                .isGreaterThan(1000);
        // the header window is the film a reader expects: dark lungs, a white spine, air at the
        // detector's edge blacker still; not the flat grey of the full 12-bit range
        double width = Attribute.getSingleDoubleValueOrDefault(dx, TagFromName.WindowWidth, 0);
        assertThat(width).isBetween(500.0, 3500.0);
        int air = pixels[lungRow * g.columns() + 2];
        int lung = pixels[lungRow * g.columns() + rightLung];
        int bone = pixels[lungRow * g.columns() + spine];
        double center = Attribute.getSingleDoubleValueOrDefault(dx, TagFromName.WindowCenter, 0);
        assertThat(bone).isLessThan((int) (center - width / 4));
        assertThat(lung).isGreaterThan(bone);
        assertThat(air).isGreaterThanOrEqualTo(lung);
    }

    @Test
    void theCurrentCtHasACoronalScoutInItsFrameOfReferenceCoveringTheAxialSeries() throws Exception {
        List<InstanceEntry> scout = archive.instances(DemoStudy.CURRENT_CT.localizerSeriesUid(SIZE));
        assertThat(scout).hasSize(1);
        AttributeList list = read(scout.get(0).file());
        AttributeList axial = read(files(DemoStudy.CURRENT_CT).get(0).file());
        assertThat(Attribute.getStringValues(list, TagFromName.ImageType)).containsExactly("ORIGINAL", "PRIMARY", "LOCALIZER");
        assertThat(Attribute.getDoubleValues(list, TagFromName.ImageOrientationPatient)).containsExactly(1, 0, 0, 0, 0, -1);
        assertThat(Attribute.getSingleStringValueOrEmptyString(list, TagFromName.FrameOfReferenceUID))
                .isEqualTo(Attribute.getSingleStringValueOrEmptyString(axial, TagFromName.FrameOfReferenceUID));
        // as the viewer reads it: the scout shares the axial series' frame, last year's CT has its own
        String frame = org.fovea.dicom.HeaderReader.read(scout.get(0).file()).frameOfReferenceUid();
        assertThat(frame).isNotEmpty()
                .isEqualTo(org.fovea.dicom.HeaderReader.read(files(DemoStudy.CURRENT_CT).get(0).file()).frameOfReferenceUid())
                .isNotEqualTo(org.fovea.dicom.HeaderReader.read(files(DemoStudy.PRIOR_CT).get(0).file()).frameOfReferenceUid());
        // from z = 190 down 430 mm: the axial series' 150 to -150 mm lies within it
        DrGeometry g = LocalizerWriter.geometry(SIZE);
        double[] position = Attribute.getDoubleValues(list, TagFromName.ImagePositionPatient);
        assertThat(position[2]).isCloseTo(g.z(0), within(1e-4));
        assertThat(g.z(g.rows() - 1)).isLessThan(-CtGeometry.TOP_Z);
        assertThat(archive.series(DemoStudy.CURRENT_CT.studyUid(SIZE))).extracting(s -> s.number())
                .containsExactly(1, LocalizerWriter.SERIES_NUMBER);
    }

    @Test
    void dciodvfyFindsNoErrorsInTheCtOrTheRadiograph() throws Exception {
        for (Path file : List.of(files(DemoStudy.CURRENT_CT).get(0).file(), files(DemoStudy.CHEST_DR).get(0).file(),
                archive.instances(DemoStudy.CURRENT_CT.localizerSeriesUid(SIZE)).get(0).file())) {
            String out = Command.of(Tools.installed("dciodvfy", "dicom3tools").toString(), file.toString())
                    .mergeStderr().timeout(Duration.ofSeconds(60)).run().stdout();
            assertThat(out).as(file.toString()).containsAnyOf("CTImage", "DXImageForPresentation")
                    .doesNotContain("Error");
        }
    }

    @Test
    void aCancelledGenerationLeavesNoWorkFilesAndIsCompletedLater(@TempDir Path otherHome) throws IOException {
        try (LocalArchive other = LocalArchive.open(otherHome)) {
            CancelToken cancel = new CancelToken();
            DemoStudies.Result stopped = DemoStudies.ensure(SIZE, other, work, (study, stage, done, total) -> {
                if (done >= 5) {
                    cancel.cancel();
                }
            }, cancel);

            assertThat(stopped.cancelled()).isTrue();
            assertThat(DemoStudies.isComplete(other, DemoStudy.CURRENT_CT, SIZE)).isFalse();
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }

            DemoStudies.Result resumed = DemoStudies.ensure(SIZE, other, work, DemoListener.none(), CancelToken.none());
            assertThat(resumed.generated()).containsExactly(DemoStudy.values());
            assertThat(other.studiesOfPatient(DemoPatient.ID)).hasSize(3);
        }
    }
}
