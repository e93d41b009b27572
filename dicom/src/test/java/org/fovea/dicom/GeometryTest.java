package org.fovea.dicom;

import com.pixelmed.dicom.TagFromName;
import org.fovea.render.Rescale;
import org.fovea.render.WindowLevel;
import org.fovea.render.geom.ImagePlane;
import org.fovea.render.geom.PixelSpacing;
import org.fovea.render.geom.Vec3;
import org.fovea.render.measure.ImagePoint;
import org.fovea.render.measure.Scale;
import org.fovea.render.measure.Unit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Where images lie in the patient, and their calibration source. */
class GeometryTest {
    @TempDir
    Path tmp;

    @Test
    void mrPhantomSlicesAreStackedOneSpacingApartAlongTheNormal() throws Exception {
        List<ImagePlane> planes = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            DicomImage image = DicomImage.read(Corpus.file("series-mr-phantom-128", "slice" + i + ".dcm"));
            assertThat(image.spacing()).hasValueSatisfying(s -> assertThat(s.source()).isEqualTo("Pixel Spacing"));
            planes.add(image.plane(0));
        }
        Vec3 normal = planes.get(0).normal();
        // the phantom's rows run towards anterior (-y) and its columns to the patient's left
        // (+x): swapping row and column direction would flip the normal to the feet
        assertThat(planes.get(0).rowDirection()).isEqualTo(new Vec3(0, -1, 0));
        assertThat(planes.get(0).columnDirection()).isEqualTo(new Vec3(1, 0, 0));
        assertThat(normal.z()).isCloseTo(1.0, within(1e-9));
        planes.sort(Comparator.comparingDouble(p -> p.position().dot(normal)));
        for (int i = 1; i < planes.size(); i++) {
            Vec3 step = planes.get(i).position().minus(planes.get(i - 1).position());
            assertThat(step.dot(normal)).isCloseTo(1.0, within(1e-3));
            assertThat(step.minus(normal.times(step.dot(normal))).length()).isCloseTo(0, within(1e-3));
            assertThat(planes.get(i).normal().dot(normal)).isCloseTo(1.0, within(1e-6));
        }
        ImagePlane p = planes.get(0);
        assertThat(p.rowSpacing()).isCloseTo(1.0, within(1e-6));
        assertThat(p.toPatient(127, 0).minus(p.position().plus(new Vec3(0, -127, 0))).length()).isCloseTo(0, within(1e-9));
        assertThat(p.toPatient(0, 127).minus(p.position().plus(new Vec3(127, 0, 0))).length()).isCloseTo(0, within(1e-9));
    }

    @Test
    void imagerPixelSpacingIsUsedAndNamedWhenPixelSpacingIsAbsent() throws Exception {
        Path file = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16])
                .set(TagFromName.ImagerPixelSpacing, "0.143", "0.15").write(tmp, "dx.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.spacing()).contains(new PixelSpacing(0.143, 0.15, "Imager Pixel Spacing"));
        assertThat(image.plane(0)).isNull();
    }

    @Test
    void noCalibrationMeansNoSpacing() throws Exception {
        Path file = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16]).write(tmp, "sc.dcm");
        assertThat(DicomImage.read(file).spacing()).isEmpty();
        Scale scale = DicomImage.read(file).scale();
        assertThat(scale.lengthUnit()).isEqualTo(Unit.PIXEL);
        assertThat(scale.length(A, B)).isEqualTo(100);
    }

    private static final ImagePoint A = new ImagePoint(10, 20), B = new ImagePoint(110, 20);

    @Test
    void aRadiographMeasuresAtThePatientWhenTheHeaderGivesItsMagnification() throws Exception {
        Path file = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16])
                .set(TagFromName.ImagerPixelSpacing, "0.15", "0.15")
                .set(TagFromName.EstimatedRadiographicMagnificationFactor, "1.2").write(tmp, "dx-mag.dcm");
        Scale scale = DicomImage.read(file).scale();
        assertThat(scale.source()).isEqualTo(Scale.Source.MAGNIFICATION_CORRECTED);
        assertThat(scale.length(A, B)).isCloseTo(100 * 0.15 / 1.2, within(1e-9));
        assertThat(scale.lengthUnit()).isEqualTo(Unit.MM);

        Path atDetector = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16])
                .set(TagFromName.ImagerPixelSpacing, "0.15", "0.15").write(tmp, "dx.dcm");
        Scale detector = DicomImage.read(atDetector).scale();
        assertThat(detector.source()).isEqualTo(Scale.Source.DETECTOR);
        assertThat(detector.length(A, B)).isCloseTo(15, within(1e-9));

        Path broken = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16])
                .set(TagFromName.ImagerPixelSpacing, "0.15", "0.15")
                .set(TagFromName.EstimatedRadiographicMagnificationFactor, "big").write(tmp, "dx-bad.dcm");
        assertThat(DicomImage.read(broken).scale().source()).isEqualTo(Scale.Source.DETECTOR);

        // Pixel Spacing is already at the patient: a magnification factor does not apply to it
        Path calibrated = SyntheticDicom.gray(4, 4, 16, 12, false, "MONOCHROME2").words(new short[16])
                .set(TagFromName.PixelSpacing, "0.1", "0.1").set(TagFromName.ImagerPixelSpacing, "0.15", "0.15")
                .set(TagFromName.EstimatedRadiographicMagnificationFactor, "1.2").write(tmp, "dx-ps.dcm");
        assertThat(DicomImage.read(calibrated).scale().length(A, B)).isCloseTo(10, within(1e-9));
    }

    @Test
    void enhancedMultiFrameTakesEachFramesFunctionalGroups() throws Exception {
        var shared = SyntheticDicom.item(
                TagFromName.PixelMeasuresSequence, new com.pixelmed.dicom.AttributeList[]{SyntheticDicom.item(
                        TagFromName.PixelSpacing, new Object[]{"0.5", "0.6"}, TagFromName.SliceThickness, "2")},
                TagFromName.PlaneOrientationSequence, new com.pixelmed.dicom.AttributeList[]{SyntheticDicom.item(
                        TagFromName.ImageOrientationPatient, new Object[]{"1", "0", "0", "0", "1", "0"})});
        com.pixelmed.dicom.AttributeList[] perFrame = new com.pixelmed.dicom.AttributeList[3];
        for (int f = 0; f < 3; f++) {
            perFrame[f] = SyntheticDicom.item(
                    TagFromName.PlanePositionSequence, new com.pixelmed.dicom.AttributeList[]{SyntheticDicom.item(
                            TagFromName.ImagePositionPatient, new Object[]{"-10", "-20", String.valueOf(30 + 2 * f)})},
                    TagFromName.PixelValueTransformationSequence, new com.pixelmed.dicom.AttributeList[]{SyntheticDicom.item(
                            TagFromName.RescaleIntercept, String.valueOf(-1000 - f), TagFromName.RescaleSlope, "1",
                            TagFromName.RescaleType, "HU")},
                    TagFromName.FrameVOILUTSequence, new com.pixelmed.dicom.AttributeList[]{SyntheticDicom.item(
                            TagFromName.WindowCenter, String.valueOf(40 + f), TagFromName.WindowWidth, "400")});
        }
        Path file = SyntheticDicom.gray(4, 4, 16, 12, true, "MONOCHROME2").set(TagFromName.NumberOfFrames, "3")
                .words(new short[48])
                .sequence(TagFromName.SharedFunctionalGroupsSequence, shared)
                .sequence(TagFromName.PerFrameFunctionalGroupsSequence, perFrame)
                .write(tmp, "enhanced.dcm");
        DicomImage image = DicomImage.read(file);
        assertThat(image.spacing()).contains(new PixelSpacing(0.5, 0.6, "Pixel Spacing"));
        for (int f = 0; f < 3; f++) {
            ImagePlane plane = image.plane(f);
            assertThat(plane.position()).isEqualTo(new Vec3(-10, -20, 30 + 2 * f));
            assertThat(plane.rowSpacing()).isEqualTo(0.5);
            assertThat(plane.columnSpacing()).isEqualTo(0.6);
            assertThat(plane.sliceThickness()).isEqualTo(2.0);
            assertThat(image.pixelInfo(f).modalityLut()).isEqualTo(new Rescale(1, -1000 - f, "HU"));
            assertThat(image.pixelInfo(f).headerVois()).containsExactly(new WindowLevel(400, 40 + f));
        }
        assertThat(image.pixelInfo()).isEqualTo(image.pixelInfo(0));
    }
}
