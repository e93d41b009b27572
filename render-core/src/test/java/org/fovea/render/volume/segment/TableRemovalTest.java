package org.fovea.render.volume.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.fovea.render.volume.Volume;
import org.junit.jupiter.api.Test;

class TableRemovalTest {

    /** A trunk (ellipse about (100, 70), 80 x 50 mm) whose right half holds a lung with a nodule. */
    private static boolean trunk(double x, double y) {
        double dx = (x - 100) / 80, dy = (y - 70) / 50;
        return dx * dx + dy * dy < 1;
    }

    private static boolean lung(double x, double y) {
        double dx = (x - 70) / 30, dy = (y - 70) / 25;
        return dx * dx + dy * dy < 1;
    }

    private static boolean nodule(double x, double y, double z) {
        return Math.sqrt((x - 70) * (x - 70) + (y - 70) * (y - 70) + (z - 5) * (z - 5)) < 3;
    }

    /** An arm beside the trunk, not joined to it in the scanned range: 50 mm across. */
    private static boolean arm(double x, double y) {
        return Math.hypot(x - 210, y - 60) < 25;
    }

    /** The table: 8 mm thick, 5 mm of air under the trunk, as wide as the field. */
    private static boolean table(double x, double y) {
        return y >= 125 && y < 133;
    }

    /** A cable lying on the table's far end, touching it. */
    private static boolean cable(double x, double y) {
        return Math.hypot(x - 10, y - 122) < 3;
    }

    private static Volume patientOnTable() {
        return SyntheticCt.draw(240, 140, 10, 1, 1, (x, y, z) -> {
            if (trunk(x, y)) {
                if (nodule(x, y, z)) {
                    return 40;
                }
                return lung(x, y) ? -850 : 40;
            }
            if (arm(x, y)) {
                return 40;
            }
            if (table(x, y)) {
                return 150;
            }
            return cable(x, y) ? 300 : -1000;
        });
    }

    @Test
    void removesTheTableAndItsCableAndNothingOfThePatient() {
        Volume v = patientOnTable();
        VoxelMask removed = TableRemoval.table(v);
        VoxelMask expected = SyntheticCt.where(v, (x, y, z) -> table(x, y) || cable(x, y));
        assertThat(removed.count()).isEqualTo(expected.count());
        assertThat(SyntheticCt.overlap(expected, removed)).isEqualTo(expected.count());
        VoxelMask patient = SyntheticCt.where(v, (x, y, z) -> trunk(x, y) || arm(x, y));
        assertThat(SyntheticCt.overlap(patient, removed)).isZero();
    }

    @Test
    void aPatientAloneLosesNothing() {
        Volume v = SyntheticCt.draw(200, 140, 6, 1, 1, (x, y, z) -> trunk(x, y) && !lung(x, y) ? 40 : -1000);
        assertThat(TableRemoval.table(v).count()).isZero();
    }
}
