package org.fovea.dicom.series;

import org.fovea.dicom.CancelToken;
import org.fovea.dicom.DatasetBuilder;
import org.fovea.dicom.Uids;
import org.fovea.dicom.archive.InstanceEntry;
import org.fovea.dicom.archive.LocalArchive;
import org.fovea.dicom.demo.CtGeometry;
import org.fovea.dicom.demo.DemoListener;
import org.fovea.dicom.demo.DemoSize;
import org.fovea.dicom.demo.DemoStudies;
import org.fovea.dicom.demo.DemoStudy;
import org.fovea.dicom.series.NotAVolumeException.Reason;
import org.fovea.render.geom.Vec3;
import org.fovea.render.volume.Volume;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VolumeBuilderTest {

    @TempDir
    static Path home;
    private static LocalArchive archive;

    @BeforeAll
    static void createDemo() {
        archive = LocalArchive.open(home);
        DemoStudies.ensure(DemoSize.SMALL, archive, home.resolve("work"), DemoListener.none(), CancelToken.none());
    }

    @AfterAll
    static void closeDemo() {
        archive.close();
    }

    private static SeriesStack decoded(List<InstanceEntry> instances) {
        SeriesStack stack = new SeriesStack(instances, Runnable::run);
        stack.start(Runnable::run);
        assertThat(stack.whenDecoded()).isDone();
        return stack;
    }

    @Test
    void theDemoCtBecomesAVolumeWhoseVoxelsSitWhereItsSlicesSay() throws Exception {
        List<InstanceEntry> instances = archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL));
        SeriesStack stack = decoded(instances);

        Volume v = VolumeBuilder.build(stack);

        CtGeometry g = DemoSize.SMALL.current();
        assertThat(new int[] {v.columns(), v.rows(), v.slices()}).containsExactly(128, 128, 60);
        for (int k : new int[] {0, 17, 59}) {
            Vec3 expected = stack.slice(k).plane().toPatient(37, 90);
            Vec3 actual = v.geometry().toPatient(37, 90, k);
            assertThat(actual.minus(expected).length()).as("voxel (37, 90, %d)", k).isLessThan(1e-6);
            assertThat(actual.z()).isCloseTo(g.z(k), within(1e-6));
            assertThat(v.stored(37, 90, k)).isEqualTo(stack.slice(k).frame().storedValue(37, 90));
        }
        // the 20 mm nodule of the phantom at (-100, 20, -60) is soft tissue amid lung, in 3D as in 2D
        double[] idx = v.geometry().toIndex(new Vec3(-100, 20, -60));
        int i = (int) Math.round(idx[0]), j = (int) Math.round(idx[1]), k = (int) Math.round(idx[2]);
        assertThat(v.modalityValue(i, j, k)).isGreaterThan(-100);
        assertThat(v.modalityValue(i, j - 6, k)).as("lung 24 mm anterior of its centre").isLessThan(-500);
    }

    @Test
    void theVolumeSharesTheSeriesArrayInsteadOfCopyingIt() throws Exception {
        SeriesStack stack = decoded(archive.instances(DemoStudy.CURRENT_CT.seriesUid(DemoSize.SMALL)));

        Volume v = VolumeBuilder.build(stack);

        assertThat(v.values()).isSameAs(stack.slice(30).frame().values());
        // the first slice was decoded before the series' array existed: it was copied into place
        assertThat(v.stored(10, 60, 0)).isEqualTo(stack.slice(0).frame().storedValue(10, 60));
    }

    @Test
    void gantryTiltIsKeptInTheSliceStepSoTheAnatomyIsNotSheared() throws Exception {
        double tilt = Math.toRadians(15);
        List<InstanceEntry> series = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            double z = -2.5 * k;
            // a tilted gantry moves each slice's origin along y as the table advances
            series.add(write(k, new Vec3(-10, -10 + Math.tan(tilt) * 2.5 * k, z), 1, 0));
        }

        Volume v = VolumeBuilder.build(decoded(series));

        Vec3 step = v.geometry().toPatient(0, 0, 1).minus(v.geometry().toPatient(0, 0, 0));
        assertThat(step.z()).isCloseTo(-2.5, within(1e-6));
        assertThat(step.y()).isCloseTo(Math.tan(tilt) * 2.5, within(1e-6));
        assertThat(v.geometry().toPatient(3, 4, 5).minus(new Vec3(-10 + 3, -10 + 4 + Math.tan(tilt) * 12.5, -12.5))
                .length()).isLessThan(1e-6);
    }

    @Test
    void aMissingSliceIsRefusedNamingWhere() throws Exception {
        List<InstanceEntry> series = new ArrayList<>();
        double[] zs = {0, -2, -4, -8, -10};
        for (int k = 0; k < zs.length; k++) {
            series.add(write(k, new Vec3(0, 0, zs[k]), 1, 0));
        }

        assertThatThrownBy(() -> VolumeBuilder.build(decoded(series)))
                .isInstanceOf(NotAVolumeException.class)
                .hasMessage("slice spacing is uneven: 4.00 mm between images 3 and 4, 2.00 mm elsewhere (missing slices?)")
                .satisfies(e -> assertThat(((NotAVolumeException) e).reason()).isEqualTo(Reason.UNEVEN_SPACING));
    }

    @Test
    void aLocalizerInTheSeriesIsRefused() throws Exception {
        List<InstanceEntry> series = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            series.add(write(k, new Vec3(0, 0, -k), 1, 0));
        }
        series.add(write(4, new Vec3(0, 0, -4), 0, 1));

        assertThatThrownBy(() -> VolumeBuilder.build(decoded(series)))
                .hasMessage("image 5 is oriented differently from image 1 (a localizer or another plane?)");
    }

    @Test
    void twoAcquisitionsAtTheSamePositionsAreRefused() throws Exception {
        List<InstanceEntry> series = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            series.add(write(k, new Vec3(0, 0, -(k / 2)), 1, 0));
        }

        assertThatThrownBy(() -> VolumeBuilder.build(decoded(series)))
                .hasMessage("images 1 and 2 are at the same position (several acquisitions in one series?)");
    }

    @Test
    void twoImagesAreNotAVolume() throws Exception {
        List<InstanceEntry> series = List.of(write(0, new Vec3(0, 0, 0), 1, 0), write(1, new Vec3(0, 0, -1), 1, 0));

        assertThatThrownBy(() -> VolumeBuilder.build(decoded(series)))
                .hasMessage("the series has 2 image(s); 3D needs at least 3 slices");
    }

    /**
     * A 16x16 CT image at {@code position}; {@code axial} 1 gives orientation 1\0\0\0\1\0, 0 a
     * coronal localizer. Pixel values encode the slice, so misplaced slices would show.
     */
    private static InstanceEntry write(int k, Vec3 position, int axial, int unusedFlag) {
        short[] pixels = new short[16 * 16];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = (short) (1000 + k * 10 + p % 7);
        }
        String uid = Uids.random();
        String[] iop = axial == 1 ? new String[] {"1", "0", "0", "0", "1", "0"}
                                  : new String[] {"1", "0", "0", "0", "0", "-1"};
        Path file = home.resolve("synthetic-" + uid + ".dcm");
        new DatasetBuilder()
                .set("SOPClassUID", "1.2.840.10008.5.1.4.1.1.2")
                .set("SOPInstanceUID", uid)
                .set("StudyInstanceUID", "2.25.1")
                .set("SeriesInstanceUID", "2.25.2")
                .set("Modality", "CT")
                .set("PatientName", "TEST^VOLUME")
                .set("InstanceNumber", Integer.toString(k + 1))
                .set("ImagePositionPatient", ds(position.x()), ds(position.y()), ds(position.z()))
                .set("ImageOrientationPatient", iop)
                .set("PixelSpacing", "1", "1")
                .set("RescaleIntercept", "-1024")
                .set("RescaleSlope", "1")
                .setInt("SamplesPerPixel", 1)
                .set("PhotometricInterpretation", "MONOCHROME2")
                .setInt("Rows", 16)
                .setInt("Columns", 16)
                .setInt("BitsAllocated", 16)
                .setInt("BitsStored", 16)
                .setInt("HighBit", 15)
                .setInt("PixelRepresentation", 0)
                .pixels(pixels)
                .write(file);
        return new InstanceEntry(uid, "1.2.840.10008.5.1.4.1.1.2", file, k + 1, -position.z(), true, 16, 16, 1,
                "1.2.840.10008.1.2.1");
    }

    private static String ds(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
