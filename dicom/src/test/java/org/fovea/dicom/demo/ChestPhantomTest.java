package org.fovea.dicom.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fovea.dicom.demo.ChestPhantom.*;

class ChestPhantomTest {

    private final ChestPhantom current = new ChestPhantom(CURRENT_NODULES);

    @Test
    void everyNoduleLiesWhollyInsideLungAndIsSmallerInThePrior() {
        ChestPhantom lungsOnly = new ChestPhantom(java.util.List.of());
        for (Nodule n : CURRENT_NODULES) {
            Point c = n.centre();
            assertThat(current.hu(c.x(), c.y(), c.z())).isEqualTo(NODULE_HU);
            double r = n.radius();
            double[][] around = {{r, 0, 0}, {-r, 0, 0}, {0, r, 0}, {0, -r, 0}, {0, 0, r}, {0, 0, -r}};
            for (double[] d : around) {
                // just outside the sphere is lung, so the sphere is surrounded by lung
                double s = 1 + 1.0 / r;
                assertThat(current.hu(c.x() + d[0] * s, c.y() + d[1] * s, c.z() + d[2] * s)).isEqualTo(LUNG_HU);
                assertThat(lungsOnly.hu(c.x() + d[0], c.y() + d[1], c.z() + d[2])).isEqualTo(LUNG_HU);
            }
        }
        for (int i = 0; i < CURRENT_NODULES.size(); i++) {
            assertThat(PRIOR_NODULES.get(i).centre()).isEqualTo(CURRENT_NODULES.get(i).centre());
            assertThat(PRIOR_NODULES.get(i).diameter()).isLessThan(CURRENT_NODULES.get(i).diameter());
        }
    }

    @Test
    void theAortaIsContrastAlongItsWholePathAndArchesAboveTheHeart() {
        for (Point p : current.aortaPath()) {
            assertThat(current.hu(p.x(), p.y(), p.z())).as(p.toString()).isEqualTo(AORTA_HU);
        }
        double top = current.aortaPath().stream().mapToDouble(Point::z).max().orElseThrow();
        assertThat(top).isGreaterThan(HEART.centre().z() + HEART.rz() + 50);
    }

    @Test
    void theTableNeverTouchesTheBody() {
        assertThat(TABLE_GAP).isEqualTo(5.0);
        for (double x = -TABLE_HALF_WIDTH; x <= TABLE_HALF_WIDTH; x += 0.5) {
            double top = tableTopY(x);
            double bodyBottom = Math.abs(x) < BODY_RX ? BODY_RY * Math.sqrt(1 - x * x / (BODY_RX * BODY_RX)) : -1e9;
            assertThat(top - bodyBottom).as("gap at x=%s", x).isGreaterThanOrEqualTo(TABLE_GAP);
            for (double y = Math.max(bodyBottom, 0) + 0.01; y < top; y += 0.5) {
                assertThat(current.hu(x, y, 0)).as("x=%s y=%s", x, y).isEqualTo(AIR_HU);
            }
            assertThat(current.hu(x, top + 1, 0)).isEqualTo(TABLE_SKIN_HU);
            assertThat(current.hu(x, top + TABLE_THICKNESS / 2, 0)).isEqualTo(TABLE_CORE_HU);
        }
    }

    @Test
    void spineRibsAndHeartSitWhereTheSpecSays() {
        assertThat(current.hu(0, VERTEBRA_Y, 15)).isEqualTo(VERTEBRA_HU);
        assertThat(current.hu(0, VERTEBRA_Y, 2)).isEqualTo(DISC_HU);
        assertThat(current.hu(0, CANAL_Y + (CANAL_RADIUS + ARCH_RADIUS) / 2, 15)).isEqualTo(ARCH_HU);
        assertThat(current.hu(HEART.centre().x() - 20, HEART.centre().y(), HEART.centre().z()))
                .isEqualTo(SOFT_TISSUE_HU);
        // at the back (sin = 1, no drop) a rib occupies z in [0, 10) of every 25 mm
        double ribY = (BODY_RY - FAT_LAYER) * (RIB_INNER + RIB_OUTER) / 2;
        assertThat(current.hu(40, Math.sqrt(ribY * ribY - 40 * 40) + 2, 5)).isEqualTo(RIB_HU);
        assertThat(current.hu(40, Math.sqrt(ribY * ribY - 40 * 40) + 2, 15)).isEqualTo(SOFT_TISSUE_HU);
        assertThat(current.hu(0, -(BODY_RY - FAT_LAYER / 2), 0)).isEqualTo(FAT_HU);
        assertThat(current.hu(200, 0, 0)).isEqualTo(AIR_HU);
    }
}
