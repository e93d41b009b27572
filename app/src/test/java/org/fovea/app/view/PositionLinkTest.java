package org.fovea.app.view;

import org.fovea.render.geom.Vec3;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Linking by patient position: which stacks are parallel, and where a follower goes. */
class PositionLinkTest {

    @Test
    void parallelStacksLinkEitherWayRoundAndTiltedOnesDoNot() {
        Vec3 axial = new Vec3(0, 0, 1);
        assertThat(PositionLink.direction(axial, new Vec3(0, 0, 1))).isEqualTo(1);
        assertThat(PositionLink.direction(axial, new Vec3(0, 0, -1))).isEqualTo(-1);
        // a gantry tilt of 3° still reads as the same stack; a coronal one never
        double t = Math.toRadians(3);
        assertThat(PositionLink.direction(axial, new Vec3(0, Math.sin(t), Math.cos(t)))).isEqualTo(1);
        t = Math.toRadians(10);
        assertThat(PositionLink.direction(axial, new Vec3(0, Math.sin(t), Math.cos(t)))).isZero();
        assertThat(PositionLink.direction(axial, new Vec3(0, 1, 0))).isZero();
        assertThat(PositionLink.direction(axial, null)).isZero();
    }

    @Test
    void anAlignedOffsetIsKeptWhicheverWayTheNormalsPoint() {
        // the prior's slice at z = 32 was aligned with the current one at z = 20
        double offset = PositionLink.offset(20, 1, 32);
        assertThat(PositionLink.target(-40, 1, offset)).isEqualTo(-28);
        // a follower whose normal points the other way counts its locations as -z
        double reversed = PositionLink.offset(20, -1, -32);
        assertThat(-PositionLink.target(-40, -1, reversed)).isEqualTo(-28);
    }

    private static org.fovea.dicom.ImageHeader header(String study, String frameOfReference) {
        return new org.fovea.dicom.ImageHeader("1.2.840.10008.5.1.4.1.1.2", "1.2." + study + ".9", study, study + ".1",
                "", "", "P1", "", "", "", "", "", "", "", "CT", "", "", "", "", "", "", 512, 512, 1, frameOfReference);
    }

    @Test
    void positionsAreSharedWithinAFrameOfReferenceNotMerelyAStudy() {
        // a scout and its axial series: one frame of reference
        assertThat(PositionLink.sameFrame(header("1.5", "1.5.0"), header("1.5", "1.5.0"))).isTrue();
        // a study whose patient was repositioned between two acquisitions: two frames, no shared positions
        assertThat(PositionLink.sameFrame(header("1.5", "1.5.0"), header("1.5", "1.5.7"))).isFalse();
        // last year's study: its own frame
        assertThat(PositionLink.sameFrame(header("1.5", "1.5.0"), header("1.4", "1.4.0"))).isFalse();
        // objects without one share their study's
        assertThat(PositionLink.sameFrame(header("1.5", ""), header("1.5", "1.5.0"))).isTrue();
        assertThat(PositionLink.sameFrame(header("1.5", ""), header("1.4", ""))).isFalse();
    }
}
