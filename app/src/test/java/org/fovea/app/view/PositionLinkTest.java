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
}
