package org.fovea.render.geom;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.fovea.render.Dcmtk;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class OrientationLabelsTest {

    private static final double C30 = Math.cos(Math.toRadians(30));
    private static final double S30 = Math.sin(Math.toRadians(30));

    private static OrientationLabels labels(double... iop) {
        return OrientationLabels.of(new Vec3(iop[0], iop[1], iop[2]), new Vec3(iop[3], iop[4], iop[5]));
    }

    @Test
    void axialIsSeenFromTheFeet() {
        // patient's right on the viewer's left, anterior at the top
        assertThat(labels(1, 0, 0, 0, 1, 0)).isEqualTo(new OrientationLabels("R", "L", "A", "P"));
    }

    @Test
    void coronalIsSeenFromTheFront() {
        assertThat(labels(1, 0, 0, 0, 0, -1)).isEqualTo(new OrientationLabels("R", "L", "H", "F"));
    }

    @Test
    void sagittalIsSeenFromThePatientsLeft() {
        assertThat(labels(0, 1, 0, 0, 0, -1)).isEqualTo(new OrientationLabels("A", "P", "H", "F"));
    }

    @Test
    void sharedCorpusMrPhantomIsAnAxialPlaneTurnedByNinetyDegrees() throws Exception {
        Path slice = Path.of(System.getProperty("fovea.shared", "../../shared"),
                "testdata/dicom/series-mr-phantom-128/slice0.dcm");
        Dcmtk.require("dcmdump");
        // the shared corpus lies beside the checkout, not in it: a clone without it skips this test
        Assumptions.assumeTrue(slice.toFile().isFile(), "needs the shared corpus at " + slice);
        double[] iop = Dcmtk.decimals(slice, "0020,0037");
        assertThat(iop).containsExactly(0, -1, 0, 1, 0, 0);
        // rows run towards anterior, columns towards the patient's left
        assertThat(labels(iop)).isEqualTo(new OrientationLabels("P", "A", "R", "L"));
    }

    @Test
    void axialTiltedThirtyDegreesAboutLeftRightShowsTwoLettersStrongestFirst() {
        // column direction 30 degrees from posterior towards the head (a gantry tilt)
        assertThat(labels(1, 0, 0, 0, C30, S30)).isEqualTo(new OrientationLabels("R", "L", "AF", "PH"));
    }

    @Test
    void axialRotatedThirtyDegreesInPlane() {
        assertThat(labels(C30, S30, 0, -S30, C30, 0)).isEqualTo(new OrientationLabels("RA", "LP", "AL", "PR"));
    }

    @Test
    void doubleObliqueGetsThreeLetters() {
        Vec3 row = new Vec3(0.8, 0.5, 0.33).normalized();
        assertThat(OrientationLabels.letters(row)).isEqualTo("LPH");
        assertThat(OrientationLabels.letters(row.times(-1))).isEqualTo("RAF");
    }

    @Test
    void smallTiltsBelowAQuarterOfTheMainComponentAreIgnored() {
        double c10 = Math.cos(Math.toRadians(10)), s10 = Math.sin(Math.toRadians(10));
        assertThat(labels(1, 0, 0, 0, c10, s10)).isEqualTo(new OrientationLabels("R", "L", "A", "P"));
        // tan(14.5 deg) = 0.259 is above the threshold
        double c145 = Math.cos(Math.toRadians(14.5)), s145 = Math.sin(Math.toRadians(14.5));
        assertThat(OrientationLabels.letters(new Vec3(0, c145, s145))).isEqualTo("PH");
    }

    @Test
    void fromAnImagePlane() {
        ImagePlane coronal = new ImagePlane(new Vec3(0, 0, 0), new Vec3(1, 0, 0), new Vec3(0, 0, -1), 1, 1, 1, "Pixel Spacing");
        assertThat(OrientationLabels.of(coronal)).isEqualTo(new OrientationLabels("R", "L", "H", "F"));
    }
}
